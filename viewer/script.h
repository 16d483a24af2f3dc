#pragma once
// Viewer automation for tests and demo videos: a text file, one command per line, '#' comments.
//
//   size W H                 resize the window (or the offscreen target)
//   wait N                   let N frames pass
//   move X Z [YAW]           place the visitor at world (X, Z), eye height, yaw in degrees
//   walk forward|back|left|right METRES   walk with collision
//   look YAW PITCH           set the view direction, degrees
//   mode walk|fly|orbit
//   select BOOTH_ID          select a booth and open its panel
//   goto BOOTH_ID            go smoothly to the booth's aisle viewpoint (waits until there)
//   open PANEL | close PANEL directory, floorplan, schedule, settings, booth, hud, help
//   search TEXT...           type TEXT into the directory search (opens the directory)
//   enter                    go to the first directory result
//   key NAME                 press a key: F1..F12, Tab, Escape, Enter, R
//   screenshot PATH          write the next frame as PNG
//   state PATH               write the viewer state as JSON (camera, selection, panels)
//   waitload                 let frames pass until the expo has finished streaming in
//   drag X Z                 edit mode: move the edited booth's centre to world (X, Z) (snapped)
//   rotate DEG               edit mode: turn the edited booth by DEG degrees
//   undo | redo              edit mode: step back / forward through the booth's poses
//   save [force]             edit mode: write expo.json (only when every rule passes, unless force)
//   waitvisitors N SECONDS   --social: let frames pass until N other visitors are drawn, named and
//                            fully faded in, at most SECONDS (wall clock; then an error is logged)
//   quit
#include <string>
#include <string_view>
#include <vector>

#include "cx/core/result.h"

namespace cx::viewer {

enum class ScriptOp { Size, Wait, Move, Walk, Look, Mode, Select, Goto, Open, Close, Search, Enter, Key, Screenshot, State, Quit, WaitLoad, Drag, Rotate, Undo, Redo, Save, WaitVisitors };

struct ScriptCommand {
  ScriptOp op = ScriptOp::Wait;
  std::vector<float> numbers;
  std::string text;
  int line = 0;
};

// Parses a whole script; errors name the file, the line and the problem.
Result<std::vector<ScriptCommand>> parseScript(std::string_view text, const std::string& sourceName);
Result<std::vector<ScriptCommand>> loadScript(const std::string& path);

}  // namespace cx::viewer
