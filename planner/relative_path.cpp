#include "planner/relative_path.h"

#include <filesystem>
#include <system_error>

namespace eddy {

namespace {

bool usable(const std::filesystem::path& path, bool writing) {
  std::error_code error;
  if (!writing) return std::filesystem::exists(path, error);
  if (std::filesystem::exists(path, error)) return true;
  std::filesystem::path folder = path.parent_path();
  return folder.empty() || std::filesystem::is_directory(folder, error);
}

}  // namespace

ResolvedPath resolve_relative_path(const std::string& path, const std::string& base_directory,
                                   bool writing) {
  std::filesystem::path given(path);
  if (path.empty() || base_directory.empty() || given.is_absolute() || usable(given, writing))
    return {path, ""};
  std::string beside = (std::filesystem::path(base_directory) / given).lexically_normal().string();
  if (beside == path) return {path, ""};  // the script's folder is the working directory
  if (usable(beside, writing)) return {beside, ""};
  return {path, beside};
}

}  // namespace eddy
