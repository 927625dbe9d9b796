#include "http/error_map.hpp"

namespace musubi::http {

const ErrorInfo& error_info(ErrorCode code) {
  static const ErrorInfo invalid{400, "invalid_input", "入力内容を確認してください"};
  static const ErrorInfo unauthenticated{401, "unauthenticated", "ログインしてください"};
  static const ErrorInfo expired{
      401, "session_expired",
      "一定時間操作がなかったため、安全のためログアウトしました。もう一度ログインしてください。"};
  static const ErrorInfo forbidden{403, "forbidden", "この操作を行う権限がありません"};
  static const ErrorInfo csrf{403, "csrf_failed",
                              "画面の有効期限が切れました。ページを読み込み直してください"};
  static const ErrorInfo not_found{404, "not_found", "見つかりません"};
  static const ErrorInfo conflict{409, "conflict",
                                  "他の操作と重なりました。読み込み直してからやり直してください"};
  static const ErrorInfo too_large{413, "too_large", "送信されたデータが大きすぎます"};
  static const ErrorInfo locked{423, "locked", "アカウントが一時的にロックされています"};
  static const ErrorInfo too_many{429, "too_many_requests", "しばらく待ってからやり直してください"};
  static const ErrorInfo busy{503, "busy",
                              "ただいま混み合っています。少し待ってからもう一度お試しください。"};
  static const ErrorInfo read_only{
      503, "read_only",
      "いまは閲覧だけできます（監査ログの確認で問題が見つかりました）。変更は保存されません。"
      "管理者にお知らせください。"};
  static const ErrorInfo storage_full{
      507, "storage_full",
      "サーバーの保存領域がいっぱいのため、保存できませんでした。何も保存されていません。"
      "管理者にお知らせください。"};
  static const ErrorInfo internal{500, "internal",
                                  "サーバーで問題が起きました。時間をおいてやり直してください"};
  switch (code) {
    case ErrorCode::invalid_input:
      return invalid;
    case ErrorCode::unauthenticated:
      return unauthenticated;
    case ErrorCode::session_expired:
      return expired;
    case ErrorCode::forbidden:
      return forbidden;
    case ErrorCode::csrf_failed:
      return csrf;
    case ErrorCode::not_found:
      return not_found;
    case ErrorCode::conflict:
      return conflict;
    case ErrorCode::too_large:
      return too_large;
    case ErrorCode::locked:
      return locked;
    case ErrorCode::too_many_requests:
      return too_many;
    case ErrorCode::busy:
      return busy;
    case ErrorCode::read_only:
      return read_only;
    case ErrorCode::storage_full:
      return storage_full;
    case ErrorCode::internal:
      return internal;
  }
  return internal;
}

}  // namespace musubi::http
