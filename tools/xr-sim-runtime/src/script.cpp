#include "script.h"

#include <cmath>
#include <sstream>

namespace cx::xrsim {
namespace {

bool parseFloats(std::istringstream& in, float* out, int count) {
  for (int i = 0; i < count; ++i) {
    if (!(in >> out[i])) return false;
  }
  return true;
}

bool parseHand(const std::string& word, int& hand) {
  if (word == "left")
    hand = 0;
  else if (word == "right")
    hand = 1;
  else
    return false;
  return true;
}

const std::set<std::string> kButtons = {"a", "b", "x", "y", "menu", "squeeze", "thumbstick"};

}  // namespace

std::optional<std::string> parseScript(const std::string& text, const std::string& name, Script& out) {
  std::istringstream lines(text);
  std::string line;
  int lineNo = 0;
  while (std::getline(lines, line)) {
    ++lineNo;
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream in(line);
    std::string verb;
    if (!(in >> verb)) continue;
    auto error = [&](const std::string& what) { return name + ":" + std::to_string(lineNo) + ": " + what; };
    std::optional<uint64_t> frame;
    if (verb == "at") {
      long long n = -1;
      if (!(in >> n) || n < 0) return error("'at' needs a frame number >= 0");
      frame = static_cast<uint64_t>(n);
      if (!(in >> verb)) return error("'at N' needs a command");
    }
    ScriptEvent ev;
    ev.line = lineNo;
    std::string word;
    if (!frame) {
      if (verb == "ipd") {
        if (!parseFloats(in, &out.ipd, 1) || out.ipd < 0.0f || out.ipd > 0.2f)
          return error("ipd needs metres in [0, 0.2]");
      } else if (verb == "fov") {
        if (!parseFloats(in, out.fovDeg.data(), 4)) return error("fov needs left right up down in degrees");
        for (float f : out.fovDeg)
          if (f <= 0.0f || f >= 89.0f) return error("fov angles must be in (0, 89) degrees");
      } else if (verb == "eye_size") {
        long long w = 0, h = 0;
        if (!(in >> w >> h) || w < 1 || h < 1 || w > 4096 || h > 4096)
          return error("eye_size needs width height in [1, 4096]");
        out.eyeWidth = static_cast<uint32_t>(w);
        out.eyeHeight = static_cast<uint32_t>(h);
      } else {
        return error("unknown setup command '" + verb + "' (timed commands need 'at N')");
      }
    } else {
      if (verb == "head") {
        ev.kind = ScriptEvent::Kind::Head;
        if (!parseFloats(in, ev.values.data(), 5)) return error("head needs x y z yaw pitch");
      } else if (verb == "hand") {
        ev.kind = ScriptEvent::Kind::Hand;
        if (!(in >> word) || !parseHand(word, ev.hand)) return error("hand needs left|right");
        if (!parseFloats(in, ev.values.data(), 5)) return error("hand needs left|right x y z yaw pitch");
      } else if (verb == "stick") {
        ev.kind = ScriptEvent::Kind::Stick;
        if (!(in >> word) || !parseHand(word, ev.hand)) return error("stick needs left|right");
        if (!parseFloats(in, ev.values.data(), 2) || std::abs(ev.values[0]) > 1.0f ||
            std::abs(ev.values[1]) > 1.0f)
          return error("stick needs x y in [-1, 1]");
      } else if (verb == "trigger") {
        ev.kind = ScriptEvent::Kind::Trigger;
        if (!(in >> word) || !parseHand(word, ev.hand)) return error("trigger needs left|right");
        if (!parseFloats(in, ev.values.data(), 1) || ev.values[0] < 0.0f || ev.values[0] > 1.0f)
          return error("trigger needs a value in [0, 1]");
      } else if (verb == "button") {
        ev.kind = ScriptEvent::Kind::Button;
        if (!(in >> word) || !parseHand(word, ev.hand)) return error("button needs left|right");
        if (!(in >> ev.text) || !kButtons.count(ev.text))
          return error("button needs one of a b x y menu squeeze thumbstick");
        int state = -1;
        if (!(in >> state) || (state != 0 && state != 1))
          return error("button needs 1 (press) or 0 (release)");
        ev.values[0] = static_cast<float>(state);
      } else if (verb == "capture") {
        ev.kind = ScriptEvent::Kind::Capture;
        if (!(in >> ev.text)) return error("capture needs an output prefix");
      } else if (verb == "loss") {
        ev.kind = ScriptEvent::Kind::Loss;
      } else if (verb == "exit") {
        ev.kind = ScriptEvent::Kind::Exit;
      } else {
        return error("unknown command '" + verb + "'");
      }
      out.timed.emplace(*frame, ev);
    }
    if (in >> word) return error("unexpected '" + word + "' after the command");
  }
  return std::nullopt;
}

void applyInputEvent(const ScriptEvent& ev, SimInput& input) {
  HandInput& hand = input.hands[ev.hand];
  switch (ev.kind) {
    case ScriptEvent::Kind::Head:
      input.headPosition = {ev.values[0], ev.values[1], ev.values[2]};
      input.headYaw = ev.values[3];
      input.headPitch = ev.values[4];
      break;
    case ScriptEvent::Kind::Hand:
      hand.pose.position = {ev.values[0], ev.values[1], ev.values[2]};
      hand.pose.orientation = yawPitch(ev.values[3], ev.values[4]);
      break;
    case ScriptEvent::Kind::Stick:
      hand.stickX = ev.values[0];
      hand.stickY = ev.values[1];
      break;
    case ScriptEvent::Kind::Trigger:
      hand.trigger = ev.values[0];
      break;
    case ScriptEvent::Kind::Button:
      if (ev.values[0] > 0.5f)
        hand.pressed.insert(ev.text);
      else
        hand.pressed.erase(ev.text);
      break;
    default:
      break;
  }
}

}  // namespace cx::xrsim
