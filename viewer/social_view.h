#pragma once
// Presence in the viewer (docs/social.md): with --social URL the visit publishes its own pose
// and turns engine/social's list of nearby visitors into draw instances: one avatar (body, head,
// and hands for XR visitors) tinted per visitor, faded by its opacity, and a name tag above the
// head drawn with engine/text (fontconfig + FreeType, any script). Without --social nothing
// connects and the HUD says the visitor is alone. The renderer only gets instances.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <nlohmann/json.hpp>

#include "cx/core/result.h"
#include "cx/render/gpu_model.h"
#include "cx/render/renderer.h"
#include "cx/social/session.h"

namespace cx::text {
class FontFinder;
class GlyphRenderer;
}  // namespace cx::text

namespace cx::viewer {

struct ViewerOptions;
struct Visit;

struct SocialNameTag {
  render::GpuModel model;
  glm::vec2 size{0.0f};  // metres
};

// GPU data for avatars; owned by the visit, freed by destroyVisitSocialGpu (endVisit).
struct SocialGpu {
  bool uploaded = false;
  render::GpuModel avatar;  // a unit box with a blended unlit material: the tint's alpha fades it
  std::map<std::string, SocialNameTag> tags;  // by sanitised display name (at most kMaxNameTags)
  std::unique_ptr<text::FontFinder> fonts;
  std::unique_ptr<text::GlyphRenderer> glyphs;
  size_t slots = 0;  // visitors the instance list has room for (grows in steps; no rebuild per arrival)
  SocialGpu();
  ~SocialGpu();
  SocialGpu(SocialGpu&&) noexcept;
  SocialGpu& operator=(SocialGpu&&) noexcept;
};

struct VisitSocial {
  std::unique_ptr<social::Session> session;  // null: presence is off
  std::string expoToken;
  std::vector<std::string> notices;  // the last few (refusals, link changes)
  double leftAt = 0.0;
  SocialGpu gpu;
};

inline constexpr size_t kMaxNameTags = 256;
inline constexpr float kNearbyRadius = 40.0f;

// Connects when the options ask for it (--social); returns an error line for bad options (URL,
// credentials file), empty otherwise. The connection itself is made in the background.
std::string startVisitSocial(const ViewerOptions& options, Visit& visit);
// Once a frame: publishes the visitor's pose (the navigator's, or in XR `xrSelf`: the head and
// hands), takes in what arrived.
void tickVisitSocial(Visit& visit, const std::optional<social::SelfPose>& xrSelf = std::nullopt);
// The XR pose to publish: the head between the eyes, its yaw and pitch, and the hands (grip
// matrices, world) relative to it.
social::SelfPose xrSelfPose(const glm::mat4& leftEyeView, const glm::mat4& rightEyeView,
                            const std::optional<std::array<glm::mat4, 2>>& grips);
// Appends the avatars and name tags (facing `eye`); uploads the avatar model and new tags.
void appendSocialInstances(const render::Context& ctx, const render::Renderer& renderer, Visit& visit, glm::vec3 eye,
                           std::vector<render::DrawInstance>& out);
// Sends "leaving" and closes (end of the visit).
void stopVisitSocial(Visit& visit);
void destroyVisitSocialGpu(const render::Context& ctx, Visit& visit);

// For `state PATH`: link state, visitor id, counters, and each visitor (id, name, position,
// opacity, screen position when a display size is known).
nlohmann::json socialStateJson(const Visit& visit);
// The HUD line: "alone (no --social)", "connecting", "3 visitors nearby", "reconnecting" ...
std::string socialHudLine(const Visit& visit);
// The pavilion id at (x, z), "site" outside every pavilion.
std::string pavilionAt(const Visit& visit, glm::vec3 position);

}  // namespace cx::viewer
