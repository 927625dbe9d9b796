// Attachments: upload (the body streamed into storage), download and thumbnails, the team's file
// view, and discarding an upload that was not posted.
#include <nlohmann/json.hpp>

#include <ctime>

#include "board/attachment_service.hpp"
#include "core/text.hpp"
#include "files/blob_io.hpp"
#include "files/media.hpp"
#include "http/app.hpp"
#include "http/json/board.hpp"
#include "http/json_body.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

class UploadToBoard final : public Upload {
 public:
  explicit UploadToBoard(std::unique_ptr<board::AttachmentUpload> upload)
      : upload_(std::move(upload)) {}
  std::uint64_t limit() const override { return static_cast<std::uint64_t>(upload_->limit()); }
  std::optional<Response> write(std::string_view bytes) override {
    upload_->write(bytes);
    return std::nullopt;
  }
  Response finish() override { return json_response(201, to_json(upload_->finish()).dump()); }

 private:
  std::unique_ptr<board::AttachmentUpload> upload_;
};

class BlobBody final : public BodySource {
 public:
  BlobBody(storage::Storage& storage, const board::FileContent& file)
      : reader_(storage, file.blob_id, file.chunks), size_(static_cast<std::uint64_t>(file.size)) {}
  std::uint64_t size() const override { return size_; }
  bool next(std::string& piece) override { return reader_.next(piece); }

 private:
  files::BlobReader reader_;
  std::uint64_t size_;
};

Response file_response(Services& s, const board::FileContent& file) {
  Response r;
  r.content_type = file.media_type;
  r.stream = std::make_shared<BlobBody>(s.storage, file);
  r.set_header("Content-Disposition", files::content_disposition(file.inline_view, file.file_name));
  // Files are never run as a page of this site: a download (PDFs among them) is sandboxed; an
  // image gets a policy that lets the browser show it but loads nothing else.
  r.set_header("Content-Security-Policy", file.inline_view
                                              ? "default-src 'none'; img-src 'self'; "
                                                "style-src 'unsafe-inline'; frame-ancestors 'self'"
                                              : "sandbox; default-src 'none'");
  return r;
}

Response get_board_attachments(Services& s, Context& c) {
  board::AttachmentQuery q;
  q.board_id = c.id<BoardId>("id");
  if (auto kind = c.request.query_param("kind"); kind && !kind->empty()) {
    if (*kind != "image" && *kind != "pdf" && *kind != "other") {
      throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                  {{"kind", "image, pdf, other のいずれかを指定してください"}});
    }
    q.kind = *kind;
  }
  q.uploader_id = query_id<UserId>(c.request, "author");
  q.from = query_jst_day(c.request, "from");
  q.until = query_jst_day(c.request, "to", 1);  // inclusive of the whole "to" day
  q.before_id = query_id<AttachmentId>(c.request, "before");
  q.limit = query_limit(c.request, 50);
  auto files = s.attachments.list(c.actor(), q);
  json items = json::array();
  for (const auto& a : files) items.push_back(to_json(a));
  bool more = static_cast<std::int64_t>(files.size()) == std::clamp<std::int64_t>(q.limit, 1, 100);
  return json_response(
      200,
      json{{"items", items}, {"next_before", more ? json(files.back().id) : json(nullptr)}}.dump());
}

Response get_attachment(Services& s, Context& c) {
  return file_response(s, s.attachments.open(c.actor(), c.id<AttachmentId>("id"), false));
}

Response get_attachment_thumbnail(Services& s, Context& c) {
  return file_response(s, s.attachments.open(c.actor(), c.id<AttachmentId>("id"), true));
}

Response delete_attachment(Services& s, Context& c) {
  no_fields(c.request);
  s.attachments.discard_pending(c.actor(), c.id<AttachmentId>("id"));
  return json_response(200, R"({"discarded":true})");
}

}  // namespace

void add_file_routes(Router& router, Services& s) {
  const auto signed_in = Access::signed_in();

  // The body is the file itself (no multipart); its name comes in ?name=.
  router.add_upload("POST", "/api/v1/boards/{id}/attachments", signed_in,
                    [&s](Context& c) -> std::unique_ptr<Upload> {
                      auto name = c.request.query_param("name").value_or("");
                      std::optional<std::uint64_t> length;
                      if (auto h = c.request.header("content-length"); !h.empty()) {
                        try {
                          length = std::stoull(std::string(h));
                        } catch (const std::exception&) {
                          length = std::nullopt;  // Beast has already refused a malformed length
                        }
                      }
                      return std::make_unique<UploadToBoard>(
                          s.attachments.start_upload(c.actor(), c.id<BoardId>("id"), name, length));
                    });
  router.add("GET", "/api/v1/boards/{id}/attachments", signed_in, bind(s, get_board_attachments));
  router.add("GET", "/api/v1/attachments/{id}", signed_in, bind(s, get_attachment));
  router.add("GET", "/api/v1/attachments/{id}/thumbnail", signed_in,
             bind(s, get_attachment_thumbnail));
  router.add("DELETE", "/api/v1/attachments/{id}", signed_in, bind(s, delete_attachment));
}

}  // namespace musubi::http
