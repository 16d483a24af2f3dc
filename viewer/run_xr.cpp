// XR mode (`--xr`, `--xr-sim`): the OpenXR program of engine/xr drives the frame loop; the visit
// (loading, picking, UI, script) is the same as in the window mode. No runtime or no headset: a
// one-line message and the window mode, or exit code 5 with --xr=required.
#include <imgui.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <thread>

#include "cx/core/file.h"
#include "cx/core/shutdown.h"
#include "cx/nav/camera.h"
#include "cx/render/vk_check.h"
#include "cx/xr/check.h"
#include "cx/xr/input.h"
#include "cx/xr/instance.h"
#include "cx/xr/locomotion.h"
#include "cx/xr/session.h"
#include "cx/xr/views.h"
#include "loading.h"
#include "run_modes.h"
#include "visit.h"
#include "visit_frame.h"
#include "xr_models.h"
#include "xr_ui.h"

namespace cx::viewer {
namespace {

constexpr int kMaxSessionRetries = 3;  // LOSS_PENDING: new sessions tried before giving up
constexpr float kZNear = 0.05f;

int fallBack(const ViewerOptions& options, const std::string& why) {
  if (options.xrRequired) {
    std::fprintf(stderr, "cloudexpo: --xr=required: %s\n", why.c_str());
    return 5;
  }
  std::fprintf(stderr, "cloudexpo: %s; falling back to the window\n", why.c_str());
  return runWindowMode(options);
}

// Everything of one session: recreated after LOSS_PENDING.
struct SessionGraphics {
  xr::Session session;
  xr::Swapchain colour;
  xr::Swapchain depth;  // when XR_KHR_composition_layer_depth is on and D32 is offered
  XrUi ui;
  XrVignette vignette;
};

struct XrVisitState {
  xr::Locomotion loco;
  xr::LocomotionSettings settings;
  std::array<xr::HandInput, 2> hands;
  bool triggerWasDown = false;
  bool menuWasDown = false;
  uint64_t framesSubmitted = 0;
  int sessionsCreated = 0;
  bool quit = false;
  std::string exitReason = "none";
  std::string profile;
  glm::vec3 head{0.0f};
  float headYaw = 0.0f;
  glm::vec3 lastNavPosition{0.0f};
  float lastNavYaw = 0.0f;
  std::vector<std::string> states;
  std::vector<std::string> selections;
};

glm::vec3 mulPoint(const glm::mat4& m, glm::vec3 p) { return glm::vec3(m * glm::vec4(p, 1.0f)); }
glm::vec3 mulDir(const glm::mat4& m, glm::vec3 d) { return glm::vec3(m * glm::vec4(d, 0.0f)); }

void writeXrReport(const std::string& path, const XrVisitState& st, const xr::Session& session,
                   const xr::XrRuntime& rt) {
  nlohmann::json j;
  j["sessionStates"] = st.states;
  j["framesSubmitted"] = st.framesSubmitted;
  j["sessionsCreated"] = st.sessionsCreated;
  j["exitReason"] = st.exitReason;
  j["space"] = session.stage ? "STAGE" : "LOCAL";
  j["depthLayer"] = rt.depthLayer;
  j["profile"] = st.profile;
  j["snapTurnDeg"] = st.settings.snapTurnDeg;
  j["snapTurns"] = st.loco.snapTurns;
  j["teleports"] = st.loco.teleports;
  j["lastTeleport"] = nullptr;
  if (st.loco.lastTeleport) j["lastTeleport"] = {st.loco.lastTeleport->x, st.loco.lastTeleport->y, st.loco.lastTeleport->z};
  j["stageOrigin"] = {{"position", {st.loco.origin.position.x, st.loco.origin.position.y, st.loco.origin.position.z}},
                      {"yawDeg", glm::degrees(st.loco.origin.yaw)}};
  j["head"] = {{"position", {st.head.x, st.head.y, st.head.z}}, {"yawDeg", glm::degrees(st.headYaw)}};
  j["selections"] = st.selections;
  if (auto w = writeFileAtomic(path, j.dump(2) + "\n"); !w) spdlog::error("{}", w.message());
}

void destroySessionGraphics(const render::Context& ctx, render::Renderer& renderer, xr::Input& input,
                            SessionGraphics& g) {
  render::waitIdle(renderer);
  destroyXrUi(ctx, g.ui);
  destroyXrVignette(ctx, g.vignette);
  xr::destroySwapchain(ctx, g.depth);
  xr::destroySwapchain(ctx, g.colour);
  xr::detachActions(input);
  xr::destroySession(g.session);
}

Result<SessionGraphics> createSessionGraphics(const xr::XrRuntime& rt, const render::Context& ctx,
                                              const render::Renderer& renderer, xr::Input& input) {
  SessionGraphics g;
  auto s = xr::createSession(rt, ctx, {});
  if (!s) return makeError(s.message());
  g.session = std::move(*s);
  xr::attachActions(g.session.session, input);
  const VkFormat colourFormats[] = {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB};
  xr::SwapchainDesc cd;
  cd.format = xr::chooseSwapchainFormat(g.session, colourFormats);
  if (cd.format == VK_FORMAT_UNDEFINED) {
    xr::detachActions(input);
    xr::destroySession(g.session);
    return makeError("OpenXR: the runtime offers no sRGB RGBA8/BGRA8 swapchain format");
  }
  cd.extent = {rt.views[0].recommendedImageRectWidth, rt.views[0].recommendedImageRectHeight};
  cd.arraySize = 2;  // one multiview pass into both layers
  cd.usage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT;
  g.colour = xr::createSwapchain(ctx, g.session.session, cd);
  const VkFormat depthFormats[] = {renderer.desc.depthFormat};
  if (rt.depthLayer && xr::chooseSwapchainFormat(g.session, depthFormats) != VK_FORMAT_UNDEFINED) {
    xr::SwapchainDesc dd = cd;
    dd.format = renderer.desc.depthFormat;
    dd.usage = XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
    dd.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    g.depth = xr::createSwapchain(ctx, g.session.session, dd);
  }
  createXrUi(ctx, g.session, g.ui);
  createXrVignette(ctx, g.session, g.vignette);
  g.ui.pose = defaultUiPose(xr::kDefaultFloorOffset - g.session.floorOffset);
  return g;
}

// The pointer: the UI panel first, then booths. Returns the hand drawing data.
XrHandDraw updatePointer(Visit& visit, XrVisitState& st, SessionGraphics& g, const glm::mat4& appToWorld,
                         int handIndex) {
  XrHandDraw draw;
  const xr::HandInput& hand = st.hands[handIndex];
  draw.visible = hand.gripValid;
  if (hand.gripValid) draw.grip = appToWorld * xr::poseMatrix(hand.grip);
  g.ui.pointing = false;
  visit.hovered.reset();
  if (!hand.aimValid) return draw;
  const glm::mat4 aimApp = xr::poseMatrix(hand.aim);
  const glm::vec3 originApp = glm::vec3(aimApp[3]);
  const glm::vec3 dirApp = -glm::vec3(aimApp[2]);  // the aim pose points down its -Z
  draw.rayOrigin = mulPoint(appToWorld, originApp);
  draw.rayDirection = glm::normalize(mulDir(appToWorld, dirApp));
  draw.rayLength = 5.0f;
  float uiDistance = 0.0f;
  if (g.ui.visible) {
    if (auto px = xr::rayHitsQuad(g.ui.pose, kXrUiSize, glm::uvec2(kXrUiExtent.width, kXrUiExtent.height), originApp, dirApp, &uiDistance)) {
      g.ui.pointing = true;
      g.ui.pointer = *px;
      draw.rayLength = uiDistance;
      draw.rayHighlighted = true;
      return draw;
    }
  }
  if (visit.collision) {
    if (auto hit = visit.collision->booths.raycast(draw.rayOrigin, draw.rayDirection, 300.0f)) {
      visit.hovered = hit->booth;
      draw.rayLength = hit->distance;
      draw.rayHighlighted = true;
    }
  }
  return draw;
}

// One session's frame loop. Returns the action that ended it.
xr::LifecycleAction runSession(const xr::XrRuntime& rt, const render::Context& ctx,
                               render::Renderer& renderer, xr::Input& input, const render::GpuModel& box,
                               Visit& visit, SessionGraphics& g, XrVisitState& st, bool& instanceLost) {
  auto& life = g.session.lifecycle;
  ImGuiIO& io = ImGui::GetIO();
  std::string clipboard;
  std::vector<render::DrawInstance> instances;
  for (;;) {
    if (!st.quit && shutdownRequested()) {
      // Like the menu's quit: xrRequestExitSession, then the runtime runs the session down to EXITING.
      spdlog::info("{}: ending the XR session", signalName(shutdownSignal()));
      st.quit = true;
    }
    xr::PolledEvents events = xr::pollEvents(rt.instance, g.session);
    if (events.interactionProfileChanged) {
      st.profile = xr::currentProfile(rt.instance, g.session.session, input, xr::kRight);
      spdlog::info("OpenXR: interaction profile {}", st.profile.empty() ? "(none)" : st.profile);
    }
    if (events.instanceLost) {
      instanceLost = true;
      st.exitReason = "instance lost";
      return xr::LifecycleAction::Exit;
    }
    for (xr::LifecycleAction a : events.actions) {
      switch (a) {
        case xr::LifecycleAction::BeginSession: {
          XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO};
          bi.primaryViewConfigurationType = rt.viewConfig;
          CX_XR_CHECK(xrBeginSession(g.session.session, &bi));
          break;
        }
        case xr::LifecycleAction::EndSession:
          CX_XR_CHECK(xrEndSession(g.session.session));
          break;
        case xr::LifecycleAction::RecreateSession:
        case xr::LifecycleAction::Exit:
          return a;
        case xr::LifecycleAction::None:
          break;
      }
    }
    // Our own exit: ask the runtime, which answers STOPPING -> IDLE -> EXITING.
    if (st.quit && !life.exitRequested) {
      if (life.running) {
        CX_XR_CHECK(xrRequestExitSession(g.session.session));
        life.exitRequested = true;
      } else {
        st.exitReason = "quit before the session ran";
        return xr::LifecycleAction::Exit;
      }
    }
    if (!xr::framesRunning(life)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }

    const xr::FrameTiming timing = xr::beginFrame(g.session.session);
    pollVisitLoading(ctx, renderer, visit);  // models that arrived become drawable
    float dt = timing.predictedPeriod > 0 ? float(double(timing.predictedPeriod) * 1e-9) : 1.0f / 90.0f;
    dt = std::clamp(dt, 1.0f / 240.0f, 0.1f);

    // Script and navigation: a scripted move / goto moves the stage so the head lands there.
    FrameRequests req = stepScript(visit, dt);
    if (req.quit) st.quit = true;
    if (req.screenshot) spdlog::warn("screenshot: not available in the XR mode (the runtime sees the eyes)");
    // A go-to (UI "Go to", script goto) glides the stage: smooth motion, so the vignette shows.
    const bool gliding = nav::isTransitioning(visit.navigator);
    if (gliding) updateNavigation(visit, nav::NavInput{glm::vec3(0.0f), glm::vec2(0.0f), 0.0f, false, dt});
    {
      const auto& p = visit.navigator.pose;
      if (std::abs(p.position.x - st.lastNavPosition.x) > 1e-4f || std::abs(p.position.z - st.lastNavPosition.z) > 1e-4f ||
          std::abs(nav::wrapAngle(p.yaw - st.lastNavYaw)) > 1e-4f) {
        xr::recentre(st.loco, st.head, st.headYaw, p.position, p.yaw);
      }
    }

    xr::syncActions(g.session.session, input, g.session.appSpace, timing.predictedDisplayTime, xr::inputFocused(life),
                    st.hands);
    if (st.profile.empty() && xr::inputFocused(life))
      st.profile = xr::currentProfile(rt.instance, g.session.session, input, xr::kRight);

    // Head pose (VIEW in the app space) in the world.
    glm::mat4 toWorld = xr::appToWorld(st.loco.origin, g.session.floorOffset, st.settings);
    XrSpaceLocation headLoc{XR_TYPE_SPACE_LOCATION};
    CX_XR_CHECK(xrLocateSpace(g.session.viewSpace, g.session.appSpace, timing.predictedDisplayTime, &headLoc));
    const bool headValid = (headLoc.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT) &&
                           (headLoc.locationFlags & XR_SPACE_LOCATION_ORIENTATION_VALID_BIT);
    auto updateHead = [&] {
      if (!headValid) return;
      const glm::mat4 headWorld = toWorld * xr::poseMatrix(headLoc.pose);
      st.head = glm::vec3(headWorld[3]);
      const glm::vec3 f = -glm::vec3(headWorld[2]);
      st.headYaw = glm::length(glm::vec2(f.x, f.z)) > 1e-6f ? nav::yawFromDirection(glm::vec2(f.x, f.z)) : st.headYaw;
      auto& pose = visit.navigator.pose;
      pose.position = st.head;
      pose.yaw = st.headYaw;
      pose.pitch = nav::clampPitch(std::asin(std::clamp(f.y, -1.0f, 1.0f)));
      st.lastNavPosition = pose.position;
      st.lastNavYaw = pose.yaw;
    };
    updateHead();

    // Input: the right hand points and moves (the left when only it is there).
    const int primary = st.hands[xr::kRight].active || !st.hands[xr::kLeft].active ? xr::kRight : xr::kLeft;
    const xr::HandInput& hand = st.hands[primary];
    std::vector<XrHandDraw> handDraws(2);
    handDraws[primary] = updatePointer(visit, st, g, toWorld, primary);
    const int other = 1 - primary;
    if (st.hands[other].gripValid) {
      handDraws[other].visible = true;
      handDraws[other].grip = toWorld * xr::poseMatrix(st.hands[other].grip);
    }
    const bool triggerDown = hand.select > 0.5f;
    const bool pressed = triggerDown && !st.triggerWasDown;
    st.triggerWasDown = triggerDown;
    const bool menuPressed = hand.menu && !st.menuWasDown;
    st.menuWasDown = hand.menu;
    if (menuPressed) {
      if (hand.squeeze > 0.5f && st.settings.seated) {
        xr::recentre(st.loco, st.head, st.headYaw, st.head, st.loco.origin.yaw);
      } else {
        g.ui.visible = !g.ui.visible;
      }
    }
    if (!g.ui.pointing) {
      xr::LocomotionInput li;
      li.stick = hand.stick;
      li.aimValid = hand.aimValid && handDraws[primary].rayLength > 0.0f;
      li.aimOrigin = handDraws[primary].rayOrigin;
      li.aimDirection = handDraws[primary].rayDirection;
      li.head = st.head;
      li.dt = dt;
      li.otherSmoothMotion = gliding;
      xr::LocomotionEvents ev = xr::updateLocomotion(st.loco, st.settings, li, visit.collision ? &*visit.collision : nullptr);
      if (ev.turnedDeg != 0.0f || ev.teleportedTo) {
        if (ev.teleportedTo)
          spdlog::info("teleported to ({:.2f}, {:.2f}, {:.2f})", ev.teleportedTo->x, ev.teleportedTo->y, ev.teleportedTo->z);
        toWorld = xr::appToWorld(st.loco.origin, g.session.floorOffset, st.settings);
        updateHead();
      }
      if (pressed && visit.hovered) {
        clickSelect(visit);
        if (visit.scene.expo) st.selections.push_back(visit.scene.expo->booths[*visit.hovered].id);
      }
    } else {
      xr::updateVignette(st.loco, st.settings, gliding, dt);  // locomotion is suspended, the fade is not
    }

    // The UI panel: ImGui's mouse follows the ray.
    io.DisplaySize = ImVec2(float(kXrUiExtent.width), float(kXrUiExtent.height));
    io.DeltaTime = dt;
    io.MousePos = g.ui.pointing ? ImVec2(g.ui.pointer.x, g.ui.pointer.y) : ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = g.ui.pointing && triggerDown;
    io.MouseWheel = g.ui.pointing && std::abs(hand.stick.y) > 0.3f ? hand.stick.y * dt * 10.0f : 0.0f;
    beginOverlayFrame(false);
    ui::UiActions actions = drawVisitUi(visit, dt);
    ImGui::Render();
    handleUiActions(visit, actions, &clipboard);
    clipboard.clear();
    if (actions.quit) st.quit = true;

    std::array<XrView, 2> views{};
    const bool viewsValid =
        xr::locateViews(g.session.session, rt.viewConfig, g.session.appSpace, timing.predictedDisplayTime, views);
    std::vector<const XrCompositionLayerBaseHeader*> layers;
    std::array<XrCompositionLayerProjectionView, 2> projViews{};
    std::array<XrCompositionLayerDepthInfoKHR, 2> depthInfos{};
    XrCompositionLayerProjection projection{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
    XrCompositionLayerQuad quad{XR_TYPE_COMPOSITION_LAYER_QUAD};
    XrCompositionLayerQuad vignetteQuad{XR_TYPE_COMPOSITION_LAYER_QUAD};
    if (timing.shouldRender && viewsValid) {
      applyHighlights(visit);
      instances.clear();  // the XR extras only: the scene's instances live in visit.gpu
      appendXrInstances(box, handDraws, st.loco.aiming ? &st.loco.arc : nullptr, instances);
      std::array<render::View, 2> rviews;
      for (int e = 0; e < 2; ++e) rviews[e] = xr::viewFromXr(views[e].pose, views[e].fov, toWorld, kZNear);
      {
        std::optional<std::array<glm::mat4, 2>> grips;
        if (handDraws.size() >= 2 && handDraws[0].visible && handDraws[1].visible)
          grips = std::array<glm::mat4, 2>{handDraws[0].grip, handDraws[1].grip};
        tickVisitSocial(visit, xrSelfPose(rviews[0].view, rviews[1].view, grips));
        appendSocialInstances(ctx, renderer, visit, (rviews[0].eye + rviews[1].eye) * 0.5f, instances);
      }

      const uint32_t ci = xr::acquireImage(g.colour);
      uint32_t di = 0;
      if (g.depth.handle) di = xr::acquireImage(g.depth);
      uint32_t ui = 0;
      if (g.ui.visible) ui = xr::acquireImage(g.ui.swapchain);
      render::RenderTarget target;
      target.image = g.colour.images[ci];
      target.view = g.colour.views[ci];
      target.format = g.colour.format;
      target.extent = g.colour.extent;
      target.layers = 2;
      target.layoutBefore = VK_IMAGE_LAYOUT_UNDEFINED;
      target.layoutAfter = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
      if (g.depth.handle) {
        target.depthImage = g.depth.images[di];
        target.depthView = g.depth.views[di];
      }
      render::FrameSync sync;
      if (g.ui.visible) sync.afterScene = [&](VkCommandBuffer cmd) { recordXrUi(ctx, g.ui, cmd, ui); };
      visit.lastStats = render::render(renderer, rviews, target, prepareVisitGpuScene(ctx, renderer, visit, instances),
                                       render::Lighting{}, sync);
      xr::releaseImage(g.colour);
      if (g.depth.handle) xr::releaseImage(g.depth);
      if (g.ui.visible) xr::releaseImage(g.ui.swapchain);

      for (int e = 0; e < 2; ++e) {
        auto& pv = projViews[e];
        pv = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
        pv.pose = views[e].pose;
        pv.fov = views[e].fov;
        pv.subImage.swapchain = g.colour.handle;
        pv.subImage.imageRect = {{0, 0}, {int32_t(g.colour.extent.width), int32_t(g.colour.extent.height)}};
        pv.subImage.imageArrayIndex = uint32_t(e);
        if (g.depth.handle) {
          // Reverse Z with an infinite far plane: depth 0 is infinitely far, 1 is at the near plane.
          auto& d = depthInfos[e];
          d = {XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR};
          d.subImage.swapchain = g.depth.handle;
          d.subImage.imageRect = pv.subImage.imageRect;
          d.subImage.imageArrayIndex = uint32_t(e);
          d.minDepth = 0.0f;
          d.maxDepth = 1.0f;
          d.nearZ = INFINITY;
          d.farZ = kZNear;
          pv.next = &d;
        }
      }
      projection.space = g.session.appSpace;
      projection.viewCount = 2;
      projection.views = projViews.data();
      layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&projection));
      if (g.ui.visible) {
        quad = xrUiLayer(g.ui, g.session.appSpace);
        layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&quad));
      }
      // The strength is shown by picking one of the atlas's pre-made levels (xr_ui.h).
      const int vignetteLevel = xr::vignetteLevel(st.loco.vignette, kXrVignetteLevels);
      if (g.vignette.ready && vignetteLevel > 0) {
        vignetteQuad = xrVignetteLayer(g.vignette, g.session.viewSpace, vignetteLevel);
        layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&vignetteQuad));
      }
    }
    xr::endFrame(g.session.session, timing.predictedDisplayTime, rt.blendMode, layers);
    if (!layers.empty()) st.framesSubmitted++;
  }
}

}  // namespace

int runXrMode(const ViewerOptions& options, bool simulator) {
  auto runtime = xr::createRuntime({});
  if (!runtime) return fallBack(options, runtime.message());
  render::ContextDesc cd;
  cd.validation = options.validation;
  xr::addVulkanHooks(*runtime, cd);
  auto ctx = render::createContext(cd);
  if (!ctx) {
    xr::destroyRuntime(*runtime);
    return fallBack(options, ctx.message());
  }
  int exitCode = 0;
  {
    render::MultiviewProbeCache probes;  // per device, for this run
    render::RendererDesc rd;
    rd.viewsPerPass = options.viewsPerPass;
    rd.probeCache = &probes;
    auto renderer = render::createRenderer(**ctx, rd);
    // At start-up, not at the first frame: the probe (or the setting) decides how both eyes are
    // drawn, and the decision is logged once.
    render::resolveViewsPerPass(*renderer);
    Visit visit;
    visit.modeName = simulator ? "xr-sim" : "xr";
    std::string loadError = loadVisit(**ctx, *renderer, options, visit);
    if (!loadError.empty()) {
      std::fprintf(stderr, "%s\n", loadError.c_str());
      exitCode = 1;
    } else {
      beginVisitUi(visit, 1.0f);
      // The panel texture is 1024 x 768: panels are placed and sized for it, and kept inside it.
      visit.ui.layout = ui::UiLayout::Compact;
      render::GpuModel box = render::uploadModel(**ctx, *renderer, makeUnitBoxModel());
      XrVisitState st;
      st.settings.snapTurnDeg = options.xrSnapTurnDeg;
      st.settings.smoothTurn = options.xrSmoothTurn;
      st.settings.seated = options.xrSeated;
      // The stage starts where the desktop visitor would stand.
      st.loco.origin.position = glm::vec3(visit.navigator.pose.position.x, 0.0f, visit.navigator.pose.position.z);
      st.loco.origin.yaw = visit.navigator.pose.yaw;
      st.head = visit.navigator.pose.position;
      st.headYaw = visit.navigator.pose.yaw;
      st.lastNavPosition = st.head;
      st.lastNavYaw = st.headYaw;
      xr::Input input;
      xr::createActions(runtime->instance, input);
      xr::Session lastSession;
      bool instanceLost = false;
      for (int attempt = 0;; ++attempt) {
        auto g = createSessionGraphics(*runtime, **ctx, *renderer, input);
        if (!g) {
          if (attempt > 0 && attempt <= kMaxSessionRetries && !shutdownRequested()) {
            spdlog::warn("{} (retry {} of {})", g.message(), attempt, kMaxSessionRetries);
            std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt));
            continue;
          }
          std::fprintf(stderr, "cloudexpo: %s\n", g.message().c_str());
          st.exitReason = "no session";
          exitCode = attempt > 0 ? 0 : 5;
          break;
        }
        st.sessionsCreated++;
        xr::LifecycleAction end = xr::LifecycleAction::Exit;
        try {
          end = runSession(*runtime, **ctx, *renderer, input, box, visit, *g, st, instanceLost);
        } catch (const xr::XrCallError& e) {
          if (e.result() == XR_ERROR_SESSION_LOST) {
            spdlog::warn("{}", e.what());
            end = xr::LifecycleAction::RecreateSession;
          } else if (e.result() == XR_ERROR_INSTANCE_LOST) {
            spdlog::warn("{}", e.what());
            instanceLost = true;
          } else {
            destroySessionGraphics(**ctx, *renderer, input, *g);
            throw;
          }
        }
        if (g->session.lifecycle.state == XR_SESSION_STATE_EXITING) st.exitReason = "exiting";
        lastSession.stage = g->session.stage;
        for (XrSessionState s : g->session.lifecycle.history) st.states.push_back(xr::sessionStateName(s));
        destroySessionGraphics(**ctx, *renderer, input, *g);
        if (end == xr::LifecycleAction::RecreateSession && !instanceLost && !shutdownRequested()) {
          spdlog::warn("OpenXR: session lost; creating a new one");
          st.exitReason = "session lost";
          if (attempt < kMaxSessionRetries) continue;
          std::fprintf(stderr, "cloudexpo: the OpenXR session was lost %d times; giving up\n", attempt + 1);
          break;
        }
        if (instanceLost) std::fprintf(stderr, "cloudexpo: the OpenXR runtime went away (instance lost); exiting\n");
        break;
      }
      if (!options.script.empty()) writeXrReport(options.script + ".xr.json", st, lastSession, *runtime);
      spdlog::info("XR: {} frames submitted, {} session(s), end: {}", st.framesSubmitted, st.sessionsCreated,
                   st.exitReason);
      render::waitIdle(*renderer);
      render::destroyModel(**ctx, box);
      ImGui::DestroyContext();
      if (instanceLost) {
        // The instance is unusable: actions and instance go below with destroyRuntime.
        input = xr::Input{};
      } else {
        xr::destroyActions(input);
      }
    }
    endVisit(**ctx, *renderer, visit);
  }
  exitCode = closeContext(**ctx, exitCode);
  xr::destroyRuntime(*runtime);
  return exitCode;
}

}  // namespace cx::viewer
