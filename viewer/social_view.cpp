#include "social_view.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include <imgui.h>

#include <glm/gtc/matrix_transform.hpp>

#include "cx/assets/geometry.h"
#include "cx/expo/footprint.h"
#include "cx/social/text.h"
#include "cx/text/fonts.h"
#include "options.h"
#include "visit.h"
#include "xr_models.h"

namespace cx::viewer {
namespace {

double socialNow() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

assets::Model makeAvatarModel() {
  assets::Model m = makeUnitBoxModel();
  m.name = "avatar";
  m.materials[0].name = "avatar";
  m.materials[0].alphaMode = assets::AlphaMode::Blend;  // the tint's alpha fades it in and out
  return m;
}

// A name tag: white text on a dark, translucent plate, as one textured quad facing +Z.
assets::Model makeNameTagModel(const text::TextImage& line) {
  const uint32_t pad = 6;
  assets::Image img;
  img.name = "name-tag";
  img.width = line.width + 2 * pad;
  img.height = line.height + 2 * pad;
  img.colorSpace = assets::ColorSpace::Srgb;
  img.rgba8.assign(size_t(img.width) * img.height * 4, 0);
  for (uint32_t y = 0; y < img.height; ++y) {
    for (uint32_t x = 0; x < img.width; ++x) {
      float c = 0.0f;
      if (x >= pad && y >= pad && x < pad + line.width && y < pad + line.height)
        c = line.coverage[size_t(y - pad) * line.width + (x - pad)] / 255.0f;
      uint8_t* px = &img.rgba8[(size_t(y) * img.width + x) * 4];
      float v = 0.12f + (1.0f - 0.12f) * c;
      px[0] = px[1] = px[2] = uint8_t(v * 255.0f + 0.5f);
      px[3] = uint8_t((0.6f + 0.4f * c) * 255.0f + 0.5f);
    }
  }
  assets::Primitive p;
  const glm::vec2 corners[4] = {{-0.5f, -0.5f}, {0.5f, -0.5f}, {0.5f, 0.5f}, {-0.5f, 0.5f}};
  for (glm::vec2 c : corners) {
    assets::Vertex v;
    v.position = glm::vec3(c, 0.0f);
    v.normal = glm::vec3(0, 0, 1);
    v.uv0 = glm::vec2(c.x + 0.5f, 0.5f - c.y);
    v.uv1 = v.uv0;
    p.vertices.push_back(v);
  }
  p.indices = {0, 1, 2, 0, 2, 3};
  p.material = 0;
  assets::generateTangents(p);
  assets::computePrimitiveBounds(p);
  assets::Model m;
  m.name = "name-tag";
  m.images.push_back(std::move(img));
  assets::Material mat;
  mat.name = "name-tag";
  mat.metallicFactor = 0.0f;
  mat.unlit = true;
  mat.doubleSided = true;
  mat.alphaMode = assets::AlphaMode::Blend;
  mat.baseColorTexture.image = 0;
  m.materials.push_back(mat);
  assets::Mesh mesh;
  mesh.name = "tag";
  mesh.primitives.push_back(std::move(p));
  m.meshes.push_back(std::move(mesh));
  m.instances.push_back({0, glm::mat4(1.0f)});
  m.boundsMin = glm::vec3(-0.5f, -0.5f, 0.0f);
  m.boundsMax = glm::vec3(0.5f, 0.5f, 0.0f);
  return m;
}

glm::mat4 hidden() {
  return glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, -10000.0f, 0.0f)) * glm::scale(glm::mat4(1.0f), glm::vec3(1e-3f));
}

glm::mat4 box(glm::vec3 centre, float yaw, glm::vec3 size) {
  return glm::translate(glm::mat4(1.0f), centre) * glm::rotate(glm::mat4(1.0f), yaw, glm::vec3(0, 1, 0)) *
         glm::scale(glm::mat4(1.0f), size);
}

}  // namespace

SocialGpu::SocialGpu() = default;
SocialGpu::~SocialGpu() = default;
SocialGpu::SocialGpu(SocialGpu&&) noexcept = default;
SocialGpu& SocialGpu::operator=(SocialGpu&&) noexcept = default;

std::string pavilionAt(const Visit& visit, glm::vec3 p) {
  if (visit.scene.expo) {
    for (const auto& pav : visit.scene.expo->pavilions)
      if (expo::pointInPolygon(pav.floor, {p.x, p.z})) return social::toSubjectToken(pav.id);
  }
  return "site";
}

std::string startVisitSocial(const ViewerOptions& options, Visit& visit) {
  VisitSocial& vs = visit.social;
  if (options.socialUrl.empty()) return {};  // alone: no connection, no errors
  social::ClientSettings cs;
  cs.servers = {options.socialUrl};
  if (!options.socialCreds.empty()) {
    auto creds = social::loadCredentials(options.socialCreds);
    if (!creds) return "--social-creds: " + creds.message();
    cs.credentials = *creds;
  }
  auto client = social::Client::start(cs);
  if (!client) return "--social: " + client.message();
  social::SessionSettings ss;
  std::string expoId = visit.scene.expo ? visit.scene.expo->id : "model";
  vs.expoToken = social::toSubjectToken(expoId);
  ss.expo = vs.expoToken;
  ss.displayName = options.displayName.empty() ? "Visitor" : options.displayName;
  ss.presence.boundsMin = visit.scene.boundsMin - glm::vec3(50.0f, 10.0f, 50.0f);
  ss.presence.boundsMax = visit.scene.boundsMax + glm::vec3(50.0f, 20.0f, 50.0f);
  vs.session = std::make_unique<social::Session>(std::move(*client), ss);
  spdlog::info("social: {} as \"{}\" (visitor id {}), expo subjects cx.{}.>", options.socialUrl,
               vs.session->displayName(), vs.session->client().visitorId(), vs.expoToken);
  return {};
}

namespace {
void yawPitchOf(const glm::mat4& world, float& yaw, float& pitch) {
  glm::vec3 f = -glm::normalize(glm::vec3(world[2]));  // the frame's -Z
  yaw = std::atan2(-f.x, -f.z);
  pitch = std::asin(std::clamp(f.y, -1.0f, 1.0f));
}
}  // namespace

social::SelfPose xrSelfPose(const glm::mat4& leftEyeView, const glm::mat4& rightEyeView,
                            const std::optional<std::array<glm::mat4, 2>>& grips) {
  glm::mat4 l = glm::inverse(leftEyeView), r = glm::inverse(rightEyeView);
  social::SelfPose self;
  self.position = (glm::vec3(l[3]) + glm::vec3(r[3])) * 0.5f;
  yawPitchOf(l, self.yaw, self.pitch);
  if (grips) {
    std::array<social::HandPose, 2> hands;
    for (int h = 0; h < 2; ++h) {
      hands[h].offset = glm::vec3((*grips)[h][3]) - self.position;
      yawPitchOf((*grips)[h], hands[h].yaw, hands[h].pitch);
    }
    self.hands = hands;
  }
  return self;
}

void tickVisitSocial(Visit& visit, const std::optional<social::SelfPose>& xrSelf) {
  VisitSocial& vs = visit.social;
  if (!vs.session) return;
  const auto& pose = visit.navigator.pose;
  social::SelfPose self;
  if (xrSelf) {
    self = *xrSelf;
  } else {
    self.position = pose.position;
    self.yaw = pose.yaw;
    self.pitch = pose.pitch;
  }
  self.pavilion = pavilionAt(visit, self.position);
  vs.session->tick(self, socialNow());
  for (std::string& n : vs.session->client().takeNotices()) {
    vs.notices.push_back(std::move(n));
    if (vs.notices.size() > 4) vs.notices.erase(vs.notices.begin());
  }
}

void appendSocialInstances(const render::Context& ctx, const render::Renderer& renderer, Visit& visit, glm::vec3 eye,
                           std::vector<render::DrawInstance>& out) {
  VisitSocial& vs = visit.social;
  if (!vs.session) return;
  SocialGpu& g = vs.gpu;
  if (!g.uploaded) {
    g.avatar = render::uploadModel(ctx, renderer, makeAvatarModel());
    g.uploaded = true;
  }
  const auto& visitors = vs.session->presence().visitors();
  // Room for visitors grows in steps of 16, so an arrival does not change the instance count
  // (which would rebuild the GpuScene); empty slots are hidden far below the floor.
  while (g.slots < visitors.size()) g.slots += 16;
  constexpr size_t kPerVisitor = 5;  // body, head, two hands, name tag
  size_t first = out.size();
  out.reserve(first + g.slots * kPerVisitor);
  for (size_t i = 0; i < g.slots; ++i) {
    if (i >= visitors.size()) {
      for (size_t k = 0; k < kPerVisitor; ++k) out.push_back({&g.avatar, hidden(), glm::vec4(0.0f)});
      continue;
    }
    const social::RemoteVisitor& v = visitors[i];
    glm::vec4 tint(v.tint, v.opacity);
    glm::vec3 head = v.position;
    float bodyHeight = std::clamp(head.y - 0.2f, 0.5f, 2.0f);
    out.push_back({&g.avatar, box(glm::vec3(head.x, head.y - 0.2f - bodyHeight * 0.5f, head.z), v.yaw,
                                  glm::vec3(0.46f, bodyHeight, 0.26f)), tint});
    glm::mat4 headBox = glm::translate(glm::mat4(1.0f), head) * glm::rotate(glm::mat4(1.0f), v.yaw, glm::vec3(0, 1, 0)) *
                        glm::rotate(glm::mat4(1.0f), v.pitch, glm::vec3(1, 0, 0)) *
                        glm::scale(glm::mat4(1.0f), glm::vec3(0.24f, 0.26f, 0.26f));
    out.push_back({&g.avatar, headBox, glm::vec4(glm::mix(v.tint, glm::vec3(0.95f, 0.85f, 0.75f), 0.5f), v.opacity)});
    for (int h = 0; h < 2; ++h) {
      if (v.hands) {
        const social::HandPose& hp = (*v.hands)[h];
        out.push_back({&g.avatar, box(head + hp.offset, hp.yaw, glm::vec3(0.09f, 0.05f, 0.14f)), tint});
      } else {
        out.push_back({&g.avatar, hidden(), glm::vec4(0.0f)});
      }
    }
    // The name tag, 0.35 m above the head, turned to face the eye.
    std::string label = v.name.empty() ? "…" : v.name;
    if (v.staff) label = "★ " + label;
    auto tag = g.tags.find(label);
    if (tag == g.tags.end() && g.tags.size() < kMaxNameTags) {
      if (!g.fonts) {
        g.fonts = std::make_unique<text::FontFinder>(16);
        g.glyphs = std::make_unique<text::GlyphRenderer>(32);
      }
      text::TextImage line = text::renderLine(*g.fonts, *g.glyphs, text::decodeUtf8(label));
      if (line.width > 0 && line.height > 0) {
        SocialNameTag t;
        t.model = render::uploadModel(ctx, renderer, makeNameTagModel(line));
        float h = 0.16f;
        t.size = glm::vec2(h * float(line.width + 12) / float(line.height + 12), h);
        tag = g.tags.emplace(label, std::move(t)).first;
      }
    }
    if (tag != g.tags.end()) {
      glm::vec3 at = head + glm::vec3(0.0f, 0.35f, 0.0f);
      glm::vec2 toEye(eye.x - at.x, eye.z - at.z);
      float face = glm::length(toEye) > 1e-3f ? std::atan2(toEye.x, toEye.y) : 0.0f;
      glm::mat4 m = glm::translate(glm::mat4(1.0f), at) * glm::rotate(glm::mat4(1.0f), face, glm::vec3(0, 1, 0)) *
                    glm::scale(glm::mat4(1.0f), glm::vec3(tag->second.size, 1.0f));
      out.push_back({&tag->second.model, m, glm::vec4(1.0f, 1.0f, 1.0f, v.opacity)});
    } else {
      out.push_back({&g.avatar, hidden(), glm::vec4(0.0f)});
    }
  }
}

void stopVisitSocial(Visit& visit) {
  VisitSocial& vs = visit.social;
  if (!vs.session) return;
  const auto& pose = visit.navigator.pose;
  social::SelfPose self;
  self.position = pose.position;
  self.yaw = pose.yaw;
  self.pavilion = pavilionAt(visit, pose.position);
  vs.session->leave(self);
  vs.session.reset();
}

void destroyVisitSocialGpu(const render::Context& ctx, Visit& visit) {
  SocialGpu& g = visit.social.gpu;
  if (g.uploaded) render::destroyModel(ctx, g.avatar);
  g.uploaded = false;
  for (auto& [name, tag] : g.tags) render::destroyModel(ctx, tag.model);
  g.tags.clear();
}

nlohmann::json socialStateJson(const Visit& visit) {
  const VisitSocial& vs = visit.social;
  nlohmann::json j;
  if (!vs.session) {
    j["enabled"] = false;
    return j;
  }
  const social::Session& s = *vs.session;
  j["enabled"] = true;
  j["link"] = social::linkStateName(s.client().state());
  j["visitorId"] = s.client().visitorId();
  j["displayName"] = s.displayName();
  j["subscribedCells"] = s.subscribedCells();
  j["nearby"] = s.presence().countNear(visit.navigator.pose.position, kNearbyRadius);
  const social::PresenceStats& st = s.presence().stats();
  j["accepted"] = st.accepted;
  j["dropped"] = st.dropped();
  social::ClientStats cs = s.client().stats();
  j["received"] = cs.received;
  j["published"] = cs.published;
  j["notices"] = vs.notices;
  std::optional<glm::mat4> viewProj;
  glm::vec2 display(0.0f);
  if (ImGui::GetCurrentContext() && ImGui::GetIO().DisplaySize.x > 0 && ImGui::GetIO().DisplaySize.y > 0) {
    display = {ImGui::GetIO().DisplaySize.x, ImGui::GetIO().DisplaySize.y};
    render::View v = currentView(visit, display.x / display.y);
    viewProj = v.projection * v.view;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const social::RemoteVisitor& v : s.presence().visitors()) {
    nlohmann::json e = {{"id", v.id},
                        {"name", v.name},
                        {"pavilion", v.pavilion},
                        {"position", {v.position.x, v.position.y, v.position.z}},
                        {"yawDeg", glm::degrees(v.yaw)},
                        {"opacity", v.opacity},
                        {"staff", v.staff},
                        {"tint", {v.tint.r, v.tint.g, v.tint.b}}};
    if (viewProj) {
      glm::vec4 c = *viewProj * glm::vec4(v.position - glm::vec3(0.0f, 0.3f, 0.0f), 1.0f);  // the chest
      if (c.w > 0.0f) e["screen"] = {(c.x / c.w * 0.5f + 0.5f) * display.x, (c.y / c.w * 0.5f + 0.5f) * display.y};
    }
    list.push_back(std::move(e));
  }
  j["visitors"] = list;
  return j;
}

std::string socialHudLine(const Visit& visit) {
  const VisitSocial& vs = visit.social;
  if (!vs.session) return "visitors: alone (no --social server)";
  const social::Session& s = *vs.session;
  social::LinkState link = s.client().state();
  size_t nearby = s.presence().countNear(visit.navigator.pose.position, kNearbyRadius);
  std::string line;
  if (link == social::LinkState::Connected)
    line = fmt::format("visitors: {} nearby, as \"{}\"", nearby, s.displayName());
  else
    line = fmt::format("visitors: {} ({} nearby)", social::linkStateName(link), nearby);
  if (!vs.notices.empty()) line += "\nsocial: " + vs.notices.back();
  return line;
}

}  // namespace cx::viewer
