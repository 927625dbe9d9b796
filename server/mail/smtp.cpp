#include "mail/smtp.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <mutex>

namespace musubi::mail {

namespace {

struct Reader {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t read_chunk(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* reader = static_cast<Reader*>(user);
  const std::size_t n = std::min(size * count, reader->data->size() - reader->offset);
  reader->data->copy(buffer, n, reader->offset);  // a byte range, not a C string
  reader->offset += n;
  return n;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

SendResult send_smtp(const Config::Mail& config, std::string_view recipient,
                     const std::string& rendered, const std::string& envelope_from) {
  global_init();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {false, false, "curl_easy_init failed"};
  CURL* c = curl.get();
  const std::string to(recipient);
  const std::string from = "<" + (envelope_from.empty() ? config.from : envelope_from) + ">";
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + to + ">").c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients_guard(recipients,
                                                                               curl_slist_free_all);
  Reader reader{&rendered};
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, config.smtp_url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_chunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &reader);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(config.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  const long use_ssl = config.starttls == "required" ? CURLUSESSL_ALL
                       : config.starttls == "off"    ? CURLUSESSL_NONE
                                                     : CURLUSESSL_TRY;
  curl_easy_setopt(c, CURLOPT_USE_SSL, use_ssl);
  if (!config.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, config.ca_file.c_str());
  if (!config.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, config.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, config.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(c);
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  if (rc == CURLE_OK) return {true, false, ""};
  const std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(rc);
  return {false, reply >= 500 && reply < 600,
          reply ? fmt::format("SMTP {}: {}", reply, detail) : detail};
}

}  // namespace musubi::mail
