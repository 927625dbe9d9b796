// The one table from error codes to HTTP statuses and default Japanese messages.
#pragma once

#include <string_view>

#include "core/error.hpp"

namespace musubi::http {

struct ErrorInfo {
  int status;
  std::string_view code;     // stable, for clients
  std::string_view message;  // Japanese default
};

const ErrorInfo& error_info(ErrorCode code);

}  // namespace musubi::http
