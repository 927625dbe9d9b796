// The built front end (web/dist), loaded into memory at start: a few hundred KB that every page
// load needs, served with ETags and long caching for hashed assets.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace musubi::http {

class StaticFiles {
 public:
  // Loads every file below `root`; an empty or missing root gives an empty set.
  explicit StaticFiles(const std::string& root);

  bool empty() const { return files_.empty(); }
  std::size_t size() const { return files_.size(); }
  // A file for a GET of `path`; unknown paths without an extension get index.html (the
  // front end's router handles them).
  std::optional<Response> serve(const Request& request) const;

 private:
  struct File {
    std::string content;
    std::string type;
    std::string etag;
  };
  std::map<std::string, File, std::less<>> files_;
};

}  // namespace musubi::http
