#pragma once
// The renderer draws a list of views into an image it is given: render(views, target). It owns no
// window and no XR session. One view is a plain pass; two go into the layers of an array image (a
// headset's eyes), in one multiview pass or one pass per view (RendererDesc::viewsPerPass,
// views_per_pass.h). Per-frame data lives in FrameData[framesInFlight].
#include <vulkan/vulkan.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <tuple>
#include <vector>

#include <glm/glm.hpp>

#include "cx/render/context.h"
#include "cx/render/gpu_model.h"
#include "cx/render/resources.h"
#include "cx/render/view.h"
#include "cx/render/views_per_pass.h"

namespace cx::render {

// Anti-aliasing. Auto picks Fxaa on CPU devices (lavapipe: 4x MSAA costs about 3x a 1-sample
// frame there) and Msaa4 on GPUs, where it is cheap; the choice and its reason are logged.
enum class AntiAliasing { Auto, None, Fxaa, Msaa4 };

struct RendererDesc {
  uint32_t framesInFlight = 2;
  VkFormat depthFormat = VK_FORMAT_D32_SFLOAT;
  AntiAliasing antiAliasing = AntiAliasing::Auto;
  // Depth-only pass before shading (early-Z for costly fragments). Auto: on for GPUs, off for CPU
  // devices (about +33% on lavapipe, where vertex work dominates).
  enum class DepthPrepass { Auto, Off, On } depthPrepass = DepthPrepass::Auto;
  // Far levels of detail: a mesh's simplified version is drawn where its deviation from the full
  // mesh projects to at most this many pixels. 0 turns LODs off (every instance in full detail).
  float lodPixelError = 1.0f;
  // A sign whose line of text is under this many pixels tall on screen draws the text as one bar
  // of its ink coverage instead of a quad per glyph (signage.h, farSignQuads). 0: always glyphs.
  float signDetailPx = 5.0f;
  // Leave out the triangles turned away from an instance's eye region before drawing (facing.h):
  // the same image with less vertex work. Used where the device draws many indirect commands in
  // one call (multiDrawIndirect); off: every triangle goes to the rasteriser's back-face culling.
  bool eyeRegionCulling = true;
  ViewsPerPass viewsPerPass = ViewsPerPass::Auto;
  // Optional, owned by the caller: probe results per device for the session, so that a renderer
  // created again on the same device (an XR session restarted) does not probe again.
  MultiviewProbeCache* probeCache = nullptr;
  // Test hook: when set, answers in place of the rendered probe (views_per_pass.h).
  std::function<MultiviewProbeResult(Renderer&)> multiviewProbe;
};

struct Lighting {
  glm::vec3 sunDirection = glm::normalize(glm::vec3(0.4f, 0.8f, 0.45f));  // towards the sun
  float sunIntensity = 2.6f;
  glm::vec3 sunColor{1.0f, 0.96f, 0.9f};
  glm::vec3 skyColor{0.55f, 0.62f, 0.75f};  // hemisphere ambient from above
  glm::vec3 groundColor{0.25f, 0.22f, 0.2f};
  float ambientIntensity = 0.6f;
  glm::vec3 horizonColor{0.78f, 0.84f, 0.9f};  // background
  glm::vec3 zenithColor{0.28f, 0.45f, 0.72f};
  float exposure = 1.0f;
  // KHR_lights_punctual lights in world space, besides those of the drawn models. A frame shades
  // with up to 8: directional ones first, then the nearest to the first view (selectLights).
  std::vector<PunctualLight> lights;
};

// The look of a baked venue (expo-tool bake, cx/bake/bake.h): no sun, since without shadows it
// would light the halls through their roofs; a warm, even hemisphere ambient instead, which the
// models' baked occlusion scales (the sky through the openings, the fixtures' light, contact
// shadows). The baker takes its environment from these numbers, so what it bakes matches what is
// drawn.
Lighting venueLighting();

// One placed copy of a model. `tint` multiplies the base colour. The booth colours replace the
// base colour of the materials named cx_primary / cx_secondary / cx_fascia (GpuMaterial::role)
// when their alpha is non-zero; other materials keep their own.
struct DrawInstance {
  const GpuModel* model = nullptr;
  glm::mat4 transform{1.0f};
  glm::vec4 tint{1.0f};
  glm::vec4 primaryColor{0.0f};    // rgb linear; a = 1 to apply to cx_primary and cx_fascia
  glm::vec4 secondaryColor{0.0f};  // rgb linear; a = 1 to apply to cx_secondary
};

// The image to draw into: a colour image with `layers` >= number of views (one per view).
// The renderer transitions it from `layoutBefore` and leaves it in `layoutAfter`.
struct RenderTarget {
  VkImage image = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;  // 2D for one view, 2D_ARRAY for multiview
  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;
  VkExtent2D extent{0, 0};
  uint32_t layers = 1;
  VkImageLayout layoutBefore = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImageLayout layoutAfter = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  // Optional depth image supplied by the caller (an XR depth swapchain): RendererDesc::depthFormat,
  // same extent and layers as the colour image. Its contents (reverse Z: 1 near, 0 far) are stored
  // and it is left in DEPTH_STENCIL_ATTACHMENT_OPTIMAL (what
  // XR_KHR_vulkan_enable2 expects of a released depth swapchain image). Without it the renderer uses its own transient depth.
  VkImage depthImage = VK_NULL_HANDLE;
  VkImageView depthView = VK_NULL_HANDLE;
};

// Semaphores for presentation or XR; all optional.
struct FrameSync {
  VkSemaphore wait = VK_NULL_HANDLE;
  VkPipelineStageFlags2 waitStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
  VkSemaphore signal = VK_NULL_HANDLE;
  // Extra recording after the scene, before the final transition (UI overlays).
  std::function<void(VkCommandBuffer)> afterScene;
};

struct FrameStats {
  uint32_t drawCalls = 0;
  uint64_t trianglesSubmitted = 0;
  uint32_t instancesDrawn = 0;
  uint32_t instancesCulled = 0;
  uint32_t instancesFar = 0;  // of instancesDrawn, those drawn with a far level of detail
  uint32_t instancesCoarsest = 0;  // of instancesFar, those drawn with the coarsest level
  uint32_t signsFar = 0;      // signs drawn with their text as one bar (RendererDesc::signDetailPx)
  uint32_t meshPipelineBinds = 0;  // scene-geometry pipeline binds: one per shader variant used, per pass
  double cpuMs = 0.0;  // culling + command recording
};

struct Pipelines;
struct FrameData;
struct GpuScene;
struct PostProcess;

struct Renderer {
  const Context* ctx = nullptr;
  RendererDesc desc;
  VkDescriptorSetLayout frameLayout = VK_NULL_HANDLE;
  VkDescriptorSetLayout materialLayout = VK_NULL_HANDLE;
  VkPipelineLayout pipelineLayout = VK_NULL_HANDLE;
  VkDescriptorPool framePool = VK_NULL_HANDLE;
  VkSampler defaultSampler = VK_NULL_HANDLE;
  Image whiteTexture;
  Image flatNormalTexture;
  Buffer skyQuad;
  Buffer emptyStorage;  // bound in place of a scene's absent signage buffers
  std::unique_ptr<Pipelines> pipelines;
  std::vector<std::unique_ptr<FrameData>> frames;
  uint32_t frameIndex = 0;
  uint64_t frameNumber = 0;
  Image depth;  // sized to the last target
  // GPU time of the most recent frame whose timestamps have been read (frames are read when their
  // slot is reused, and all of them by waitIdle); negative until the first one.
  double lastGpuMs = -1.0;
  AntiAliasing antiAliasing = AntiAliasing::None;  // what Auto resolved to
  // Stereo frames: one multiview pass (true) or one pass per view; what resolveViewsPerPass decided.
  bool viewsPerPassResolved = false;
  bool multiviewPass = true;
  bool depthPrepass = false;
  std::unique_ptr<PostProcess> post;  // FXAA / MSAA targets
  uint64_t nextSceneId = 1;
  Renderer();
  ~Renderer();
};

std::unique_ptr<Renderer> createRenderer(const Context& ctx, const RendererDesc& desc = {});
void destroyRenderer(Renderer& renderer);

// Draws `instances` as seen from `views` into `target` and submits the work. Waits only for the
// frame slot being reused (framesInFlight frames ago), never for this frame. Builds the instance
// data anew every frame: for scenes that persist, createGpuScene once and use the overload below.
FrameStats render(Renderer& renderer, std::span<const View> views, const RenderTarget& target,
                  std::span<const DrawInstance> instances, const Lighting& lighting = {}, const FrameSync& sync = {});
// Draws a scene whose instance data and signage already live on the GPU (cx/render/gpu_scene.h):
// per frame only culling and command recording.
FrameStats render(Renderer& renderer, std::span<const View> views, const RenderTarget& target, const GpuScene& scene,
                  const Lighting& lighting = {}, const FrameSync& sync = {});

// Waits until all submitted frames have finished (before reading back or destroying resources)
// and reads their GPU timers into lastGpuMs.
void waitIdle(Renderer& renderer);
void readGpuTime(Renderer& renderer, FrameData& frame);

}  // namespace cx::render
