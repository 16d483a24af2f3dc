#include "script.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

#include "cx/core/file.h"

namespace cx::viewer {
namespace {

struct OpInfo {
  ScriptOp op;
  int minNumbers;  // -1: takes text
  int maxNumbers;
};

const std::map<std::string, OpInfo>& ops() {
  static const std::map<std::string, OpInfo> table = {
      {"size", {ScriptOp::Size, 2, 2}},       {"wait", {ScriptOp::Wait, 1, 1}},
      {"move", {ScriptOp::Move, 2, 3}},       {"walk", {ScriptOp::Walk, -1, -1}},
      {"look", {ScriptOp::Look, 2, 2}},       {"mode", {ScriptOp::Mode, -1, -1}},
      {"select", {ScriptOp::Select, -1, -1}}, {"goto", {ScriptOp::Goto, -1, -1}},
      {"open", {ScriptOp::Open, -1, -1}},     {"close", {ScriptOp::Close, -1, -1}},
      {"search", {ScriptOp::Search, -1, -1}}, {"enter", {ScriptOp::Enter, 0, 0}},
      {"key", {ScriptOp::Key, -1, -1}},       {"screenshot", {ScriptOp::Screenshot, -1, -1}},
      {"state", {ScriptOp::State, -1, -1}},   {"quit", {ScriptOp::Quit, 0, 0}},
      {"waitload", {ScriptOp::WaitLoad, 0, 0}},
      {"drag", {ScriptOp::Drag, 2, 2}},       {"rotate", {ScriptOp::Rotate, 1, 1}},
      {"undo", {ScriptOp::Undo, 0, 0}},       {"redo", {ScriptOp::Redo, 0, 0}},
      {"save", {ScriptOp::Save, 0, 0}},      {"waitvisitors", {ScriptOp::WaitVisitors, 2, 2}},
  };
  return table;
}

std::string trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string_view::npos) return {};
  size_t b = s.find_last_not_of(" \t\r");
  return std::string(s.substr(a, b - a + 1));
}

}  // namespace

Result<std::vector<ScriptCommand>> parseScript(std::string_view text, const std::string& source) {
  std::vector<ScriptCommand> out;
  int lineNo = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++lineNo;
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.find_first_of(" \t");
    std::string word = line.substr(0, space);
    std::string rest = space == std::string::npos ? "" : trim(line.substr(space + 1));
    auto it = ops().find(word);
    if (it == ops().end()) return makeError(fmt::format("{}:{}: unknown command \"{}\"", source, lineNo, word));
    ScriptCommand cmd;
    cmd.op = it->second.op;
    cmd.line = lineNo;
    if (cmd.op == ScriptOp::Save) {  // save [force]
      if (!rest.empty() && rest != "force")
        return makeError(fmt::format("{}:{}: save: expected nothing or \"force\", got \"{}\"", source, lineNo, rest));
      cmd.text = rest;
    } else if (it->second.minNumbers < 0) {
      if (rest.empty()) return makeError(fmt::format("{}:{}: {} needs an argument", source, lineNo, word));
      cmd.text = rest;
      if (cmd.op == ScriptOp::Walk) {
        std::istringstream in(rest);
        std::string dir;
        float metres = 0;
        if (!(in >> dir >> metres) || (dir != "forward" && dir != "back" && dir != "left" && dir != "right") ||
            !std::isfinite(metres))
          return makeError(fmt::format("{}:{}: walk: expected forward|back|left|right METRES", source, lineNo));
        cmd.text = dir;
        cmd.numbers = {metres};
      }
    } else {
      std::istringstream in(rest);
      std::string token;
      while (in >> token) {
        char* endp = nullptr;
        float v = std::strtof(token.c_str(), &endp);
        if (!endp || *endp || !std::isfinite(v))
          return makeError(fmt::format("{}:{}: {}: expected a number, got \"{}\"", source, lineNo, word, token));
        cmd.numbers.push_back(v);
      }
      int n = int(cmd.numbers.size());
      if (n < it->second.minNumbers || n > it->second.maxNumbers)
        return makeError(fmt::format("{}:{}: {}: expected {} number(s), got {}", source, lineNo, word,
                                     it->second.minNumbers == it->second.maxNumbers
                                         ? std::to_string(it->second.minNumbers)
                                         : fmt::format("{} to {}", it->second.minNumbers, it->second.maxNumbers),
                                     n));
    }
    out.push_back(std::move(cmd));
  }
  return out;
}

Result<std::vector<ScriptCommand>> loadScript(const std::string& path) {
  auto text = readFileText(path, 1 << 20);
  if (!text) return text.error();
  return parseScript(*text, path);
}

}  // namespace cx::viewer
