// Region notices (お知らせ) as the API's JSON (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "http/json/common.hpp"
#include "notice/notice_service.hpp"

namespace musubi::http {

nlohmann::json to_json(const notice::Notice& n, bool with_counts);
nlohmann::json notice_page_json(const std::vector<notice::Notice>& list, std::int64_t limit,
                                bool with_counts);

}  // namespace musubi::http
