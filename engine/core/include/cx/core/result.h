#pragma once
// Expected failures (missing file, bad manifest, no headset) travel as a Result with a one-line
// message; they never throw across layers. The message names the file and the place, e.g.
// "expo.json: exhibitors[12].booth.rotation: expected a number, got \"north\"".
#include <optional>
#include <string>
#include <utility>
#include <cassert>

namespace cx {

struct Error {
  std::string message;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}
  Result(Error error) : error_(std::move(error)) {}

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return error_; }
  const std::string& message() const { return error_.message; }

 private:
  std::optional<T> value_;
  Error error_;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}
  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return error_; }
  const std::string& message() const { return error_.message; }

 private:
  Error error_;
  bool failed_ = false;
};

using Status = Result<void>;

inline Error makeError(std::string message) { return Error{std::move(message)}; }

}  // namespace cx
