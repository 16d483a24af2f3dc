#include "cx/render/renderer.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <unordered_map>

#include <glm/gtc/matrix_inverse.hpp>

#include <spdlog/spdlog.h>

#include "cx/render/culling.h"
#include "cx/render/gpu_scene.h"
#include "cx/render/vk_check.h"
#include "draw_lists.h"
#include "frame_data.h"
#include "gpu_types.h"
#include "pipelines.h"
#include "post_process.h"
#include "render_frame.h"
#include "scene_pass.h"

namespace cx::render {

Renderer::Renderer() = default;
Renderer::~Renderer() = default;

namespace {

VkDescriptorSetLayout createSetLayout(const Context& ctx, std::initializer_list<VkDescriptorSetLayoutBinding> bindings) {
  std::vector<VkDescriptorSetLayoutBinding> list(bindings);
  VkDescriptorSetLayoutCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  info.bindingCount = uint32_t(list.size());
  info.pBindings = list.data();
  VkDescriptorSetLayout layout;
  CX_VK_CHECK(vkCreateDescriptorSetLayout(ctx.device, &info, nullptr, &layout));
  return layout;
}

Image createSolidTexture(const Context& ctx, UploadBatch& batch, uint32_t rgba) {
  ImageDesc desc;
  desc.extent = {1, 1};
  desc.format = VK_FORMAT_R8G8B8A8_UNORM;
  desc.debugName = "solid";
  Image img = createImage(ctx, desc);
  std::vector<uint8_t> texel(4);
  std::memcpy(texel.data(), &rgba, 4);
  uploadToImage(batch, img, {texel});
  return img;
}

}  // namespace

std::unique_ptr<Renderer> createRenderer(const Context& ctx, const RendererDesc& desc) {
  auto r = std::make_unique<Renderer>();
  r->ctx = &ctx;
  r->desc = desc;
  r->frameLayout = createSetLayout(
      ctx, {{0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
            {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
            {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
            {3, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
            {4, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
            {5, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
            {6, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr}});
  r->materialLayout = createSetLayout(
      ctx, {{0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
            {1, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
            {2, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
            {3, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
            {4, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
            {5, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr}});
  VkDescriptorSetLayout layouts[] = {r->frameLayout, r->materialLayout};
  VkPipelineLayoutCreateInfo layoutInfo{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layoutInfo.setLayoutCount = 2;
  layoutInfo.pSetLayouts = layouts;
  VkPushConstantRange pushRange{VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(GpuDrawConstants)};
  layoutInfo.pushConstantRangeCount = 1;
  layoutInfo.pPushConstantRanges = &pushRange;
  CX_VK_CHECK(vkCreatePipelineLayout(ctx.device, &layoutInfo, nullptr, &r->pipelineLayout));

  r->defaultSampler = [&] {
    VkSamplerCreateInfo info{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    info.magFilter = info.minFilter = VK_FILTER_LINEAR;
    info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR;
    info.addressModeU = info.addressModeV = info.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
    info.maxLod = VK_LOD_CLAMP_NONE;
    if (ctx.caps.samplerAnisotropy) {
      info.anisotropyEnable = VK_TRUE;
      info.maxAnisotropy = std::min(8.0f, ctx.caps.maxAnisotropy);
    }
    VkSampler s;
    CX_VK_CHECK(vkCreateSampler(ctx.device, &info, nullptr, &s));
    return s;
  }();
  UploadBatch batch{&ctx};
  r->whiteTexture = createSolidTexture(ctx, batch, 0xffffffffu);
  r->flatNormalTexture = createSolidTexture(ctx, batch, 0xffff8080u);  // (128,128,255,255)
  // Words 0..3: the sky quad's corner ids (its vertex data); words 4..9: its indices.
  const uint32_t skyQuad[10] = {0, 1, 2, 3, 0, 1, 2, 2, 1, 3};
  r->skyQuad = createBuffer(ctx, {sizeof(skyQuad),
                                  VK_BUFFER_USAGE_INDEX_BUFFER_BIT | VK_BUFFER_USAGE_VERTEX_BUFFER_BIT |
                                      VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                  MemoryUsage::DeviceLocal, "sky quad"});
  uploadToBuffer(batch, r->skyQuad, {reinterpret_cast<const uint8_t*>(skyQuad), sizeof(skyQuad)});
  r->emptyStorage = createBuffer(ctx, {256, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                       MemoryUsage::DeviceLocal, "empty storage"});
  const std::vector<uint8_t> zeros(256, 0);
  uploadToBuffer(batch, r->emptyStorage, zeros);
  submitUploads(batch);

  r->pipelines = std::make_unique<Pipelines>();
  createShaderModules(ctx, *r->pipelines);

  const uint32_t n = std::max(1u, desc.framesInFlight);
  VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, n},
                                  {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 4 * n},
                                  {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 2 * n}};
  VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  poolInfo.maxSets = n;
  poolInfo.poolSizeCount = 3;
  poolInfo.pPoolSizes = sizes;
  CX_VK_CHECK(vkCreateDescriptorPool(ctx.device, &poolInfo, nullptr, &r->framePool));
  for (uint32_t i = 0; i < n; ++i) {
    auto f = std::make_unique<FrameData>();
    VkCommandPoolCreateInfo cp{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    cp.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    cp.queueFamilyIndex = ctx.queueFamily;
    CX_VK_CHECK(vkCreateCommandPool(ctx.device, &cp, nullptr, &f->commandPool));
    VkCommandBufferAllocateInfo ca{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ca.commandPool = f->commandPool;
    ca.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ca.commandBufferCount = 1;
    CX_VK_CHECK(vkAllocateCommandBuffers(ctx.device, &ca, &f->cmd));
    VkFenceCreateInfo fi{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    fi.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    CX_VK_CHECK(vkCreateFence(ctx.device, &fi, nullptr, &f->fence));
    f->frameUniforms = createBuffer(ctx, {sizeof(GpuFrameUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                                          MemoryUsage::Upload, "frame uniforms"});
    VkDescriptorSetAllocateInfo sa{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    sa.descriptorPool = r->framePool;
    sa.descriptorSetCount = 1;
    sa.pSetLayouts = &r->frameLayout;
    CX_VK_CHECK(vkAllocateDescriptorSets(ctx.device, &sa, &f->set));
    ensureVisibleCapacity(ctx, *f, 256);
    if (ctx.caps.timestamps) {
      VkQueryPoolCreateInfo qi{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
      qi.queryType = VK_QUERY_TYPE_TIMESTAMP;
      qi.queryCount = 2;
      CX_VK_CHECK(vkCreateQueryPool(ctx.device, &qi, nullptr, &f->timestamps));
    }
    r->frames.push_back(std::move(f));
  }
  createPostProcess(*r);
  return r;
}

void waitIdle(Renderer& r) {
  for (auto& f : r.frames) CX_VK_CHECK(vkWaitForFences(r.ctx->device, 1, &f->fence, VK_TRUE, UINT64_MAX));
  // Read every finished frame's timer, oldest first, so lastGpuMs ends on the newest frame.
  std::vector<FrameData*> order;
  for (auto& f : r.frames) order.push_back(f.get());
  std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->frameNumber < b->frameNumber; });
  for (auto* f : order) readGpuTime(r, *f);
}

void destroyRenderer(Renderer& r) {
  if (!r.ctx) return;
  const Context& ctx = *r.ctx;
  waitIdle(r);
  for (auto& f : r.frames) {
    for (auto& d : f->deletions) d();
    destroyBuffer(ctx, f->frameUniforms);
    destroyBuffer(ctx, f->instances);
    destroyBuffer(ctx, f->indirect);
    vkDestroyFence(ctx.device, f->fence, nullptr);
    if (f->timestamps) vkDestroyQueryPool(ctx.device, f->timestamps, nullptr);
    vkDestroyCommandPool(ctx.device, f->commandPool, nullptr);
  }
  r.frames.clear();
  destroyPostProcess(r);
  destroyImage(ctx, r.depth);
  destroyImage(ctx, r.whiteTexture);
  destroyImage(ctx, r.flatNormalTexture);
  destroyBuffer(ctx, r.skyQuad);
  destroyBuffer(ctx, r.emptyStorage);
  if (r.pipelines) destroyPipelines(ctx, *r.pipelines);
  vkDestroySampler(ctx.device, r.defaultSampler, nullptr);
  vkDestroyDescriptorPool(ctx.device, r.framePool, nullptr);
  vkDestroyPipelineLayout(ctx.device, r.pipelineLayout, nullptr);
  vkDestroyDescriptorSetLayout(ctx.device, r.frameLayout, nullptr);
  vkDestroyDescriptorSetLayout(ctx.device, r.materialLayout, nullptr);
  r.ctx = nullptr;
}

Lighting venueLighting() {
  Lighting l;
  l.sunIntensity = 0.0f;
  l.skyColor = glm::vec3(1.0f, 0.97f, 0.92f);
  l.groundColor = glm::vec3(0.46f, 0.43f, 0.40f);
  l.ambientIntensity = 1.0f;
  l.exposure = 1.0f;
  return l;
}

FrameStats render(Renderer& r, std::span<const View> views, const RenderTarget& target,
                  std::span<const DrawInstance> instances, const Lighting& lighting, const FrameSync& sync) {
  // A scene for this frame only, in host-visible memory, freed once the frame has finished.
  GpuSceneDesc desc;
  desc.deviceLocal = false;
  // The models' own lights (KHR_lights_punctual) are gathered into the scene and join the caller's.
  GpuScene scene = createGpuScene(*r.ctx, r, instances, desc);
  FrameStats stats = render(r, views, target, scene, lighting, sync);
  destroyGpuScene(r, scene);
  return stats;
}

FrameStats render(Renderer& r, std::span<const View> views, const RenderTarget& target, const GpuScene& scene,
                  const Lighting& lighting, const FrameSync& sync) {
  if (views.size() > 1 && !r.viewsPerPassResolved) resolveViewsPerPass(r);
  return renderFrame(r, views, target, scene, lighting, sync, views.size() == 1 || r.multiviewPass);
}

FrameStats renderFrame(Renderer& r, std::span<const View> views, const RenderTarget& target, const GpuScene& scene,
                       const Lighting& callerLighting, const FrameSync& sync, bool multiviewPass) {
  const Context& ctx = *r.ctx;
  // The scene's model lights (KHR_lights_punctual) join the caller's.
  Lighting withSceneLights;
  if (!scene.lights.empty()) {
    withSceneLights = callerLighting;
    withSceneLights.lights.insert(withSceneLights.lights.end(), scene.lights.begin(), scene.lights.end());
  }
  const Lighting& lighting = scene.lights.empty() ? callerLighting : withSceneLights;
  if (views.empty() || views.size() > 2) throw std::invalid_argument("render: 1 or 2 views are supported");
  if (target.layers < views.size()) throw std::invalid_argument("render: the target has fewer layers than views");
  FrameStats stats;
  FrameData& f = *r.frames[r.frameIndex];
  r.frameIndex = (r.frameIndex + 1) % uint32_t(r.frames.size());
  CX_VK_CHECK(vkWaitForFences(ctx.device, 1, &f.fence, VK_TRUE, UINT64_MAX));
  for (auto& d : f.deletions) d();
  f.deletions.clear();
  readGpuTime(r, f);
  auto cpuStart = std::chrono::steady_clock::now();

  const uint32_t viewCount = uint32_t(views.size());
  const bool externalDepth = target.depthImage != VK_NULL_HANDLE;
  if (externalDepth && target.depthView == VK_NULL_HANDLE)
    throw std::invalid_argument("render: target.depthImage needs target.depthView");
  const bool msaa = r.antiAliasing == AntiAliasing::Msaa4;
  const bool fxaa = r.antiAliasing == AntiAliasing::Fxaa;
  ensurePostImages(r, target, viewCount);
  // Depth buffer matching the target; recreated (after the GPU is idle) when the size changes.
  if (!externalDepth && !msaa &&
      (r.depth.extent.width != target.extent.width || r.depth.extent.height != target.extent.height ||
       r.depth.layers != viewCount)) {
    waitIdle(r);
    destroyImage(ctx, r.depth);
    ImageDesc dd;
    dd.extent = target.extent;
    dd.format = r.desc.depthFormat;
    dd.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
    dd.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    dd.layers = viewCount;
    dd.debugName = "depth";
    r.depth = createImage(ctx, dd);
  }

  // Frame uniforms.
  GpuFrameUniforms fu{};
  for (uint32_t v = 0; v < 2; ++v) {
    const View& view = views[std::min(v, viewCount - 1)];
    glm::mat4 vp = view.projection * view.view;
    fu.views[v].viewProj = vp;
    fu.views[v].invViewProj = glm::inverse(vp);
    fu.views[v].eye = glm::vec4(view.eye, 1.0f);
  }
  fu.sunDirection = glm::vec4(glm::normalize(lighting.sunDirection), lighting.sunIntensity);
  fu.sunColor = glm::vec4(lighting.sunColor, 1.0f);
  fu.skyColor = glm::vec4(lighting.skyColor, lighting.ambientIntensity);
  fu.groundColor = glm::vec4(lighting.groundColor, 1.0f);
  fu.horizonColor = glm::vec4(lighting.horizonColor, 1.0f);
  fu.zenithColor = glm::vec4(lighting.zenithColor, 1.0f);
  fu.params = glm::vec4(lighting.exposure, 0.0f, 0.0f, 0.0f);  // sRGB encoding: kEncodeSrgb (pipelines.cpp)
  packFrameLights(lighting.lights, views[0].eye, fu);
  std::memcpy(f.frameUniforms.mapped, &fu, sizeof(fu));
  flushBuffer(ctx, f.frameUniforms);

  // Cull clusters and instances, build the draw lists, write the visible indices.
  DrawLists& lists = f.lists;
  // All runs of one primitive (levels of detail, eye regions) in one call where the device can.
  const bool multiDraw = ctx.caps.multiDrawIndirect && ctx.caps.drawIndirectFirstInstance;
  buildDrawLists(scene, views,
                 {target.extent.height, r.desc.lodPixelError, r.desc.signDetailPx, multiDraw && r.desc.eyeRegionCulling},
                 lists);
  stats.instancesDrawn = lists.instancesDrawn;
  stats.instancesCulled = lists.instancesCulled;
  stats.instancesFar = lists.instancesFar;
  stats.instancesCoarsest = lists.instancesCoarsest;
  stats.signsFar = lists.signsFar;
  f.indirectCommands.clear();
  // Stereo drawn one pass per view records the scene once per view, from the same draw lists.
  const uint32_t passCount = multiviewPass ? 1u : viewCount;
  size_t runsDrawn = 0;  // commands per pass at most
  for (const DrawItem& d : lists.opaque) runsDrawn += d.runCount;
  if (multiDraw) ensureIndirectCapacity(ctx, f, runsDrawn * (r.depthPrepass ? 2 : 1) * passCount);
  bool rebind = ensureVisibleCapacity(ctx, f, lists.visible.size());
  if (rebind || f.sceneId != scene.id) writeFrameSet(r, f, scene);
  if (!lists.visible.empty())
    std::memcpy(f.instances.mapped, lists.visible.data(), lists.visible.size() * sizeof(uint32_t));
  flushBuffer(ctx, f.instances);

  // Record.
  CX_VK_CHECK(vkResetCommandPool(ctx.device, f.commandPool, 0));
  VkCommandBuffer cmd = f.cmd;
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  CX_VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  if (f.timestamps) {
    vkCmdResetQueryPool(cmd, f.timestamps, 0, 2);
    vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_TOP_OF_PIPE_BIT, f.timestamps, 0);
  }
  if (!scene.pendingEntries.empty()) {
    // Instance data rewritten since the last frame (updateGpuSceneInstances): after earlier frames'
    // reads, before this frame's.
    VkMemoryBarrier2 before{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
    before.srcStageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
    before.dstStageMask = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
    before.dstAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dep.memoryBarrierCount = 1;
    dep.pMemoryBarriers = &before;
    vkCmdPipelineBarrier2(cmd, &dep);
    constexpr size_t kEntryBytes = sizeof(GpuInstance);
    for (size_t i = 0; i < scene.pendingEntries.size(); ++i)
      vkCmdUpdateBuffer(cmd, scene.instances.buffer, VkDeviceSize(scene.pendingEntries[i]) * kEntryBytes, kEntryBytes,
                        scene.pendingData.data() + i * kEntryBytes);
    VkMemoryBarrier2 after{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
    after.srcStageMask = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
    after.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    after.dstStageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
    after.dstAccessMask = VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_READ_BIT;
    dep.pMemoryBarriers = &after;
    vkCmdPipelineBarrier2(cmd, &dep);
    scene.pendingEntries.clear();
    scene.pendingData.clear();
  }
  imageBarrier(cmd, target.image, VK_IMAGE_ASPECT_COLOR_BIT, target.layoutBefore,
               VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
               VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, 0,
               VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
               VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT);
  PostProcess& post = *r.post;
  if (fxaa || msaa) {
    // The previous frame's post pass may still read this image (write-after-read).
    imageBarrier(cmd, post.color.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                 VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                 VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT | VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT, 0,
                 VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                 VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT);
  }
  const VkImage depthImage = msaa ? post.msaaDepth.image : externalDepth ? target.depthImage : r.depth.image;
  auto depthBarrier = [&](VkImage image) {
    imageBarrier(cmd, image, VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                 VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL,
                 VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                 VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                 VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                 VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT);
  };
  depthBarrier(depthImage);
  if (msaa && externalDepth) depthBarrier(target.depthImage);

  // The attachments of each pass: the whole images for a multiview pass, else the pass's layer
  // (views of the caller's images made for this frame and deleted with it).
  auto layer = [&](VkImage image, VkImageView whole, VkFormat format, VkImageAspectFlags aspect, uint32_t p) {
    if (multiviewPass) return whole;
    VkImageView v = createLayerView(ctx, image, format, aspect, p);
    f.deletions.push_back([device = ctx.device, v] { vkDestroyImageView(device, v, nullptr); });
    return v;
  };
  const Image& ownDepth = msaa ? post.msaaDepth : r.depth;
  ScenePassFormats formats{target.extent, target.format, msaa ? VK_SAMPLE_COUNT_4_BIT : VK_SAMPLE_COUNT_1_BIT};
  auto passViews = [&](uint32_t p) {
    return multiviewPass ? PassViews{viewCount > 1 ? (1u << viewCount) - 1 : 0u, 0, viewCount} : PassViews{0, p, 1};
  };
  for (uint32_t p = 0; p < passCount; ++p) {
    ScenePassAttachments a;
    a.color = (fxaa || msaa) ? layer(post.color.image, post.color.view, post.color.format, VK_IMAGE_ASPECT_COLOR_BIT, p)
                             : layer(target.image, target.view, target.format, VK_IMAGE_ASPECT_COLOR_BIT, p);
    a.storeColor = !msaa;
    if (msaa) a.colorResolve = layer(target.image, target.view, target.format, VK_IMAGE_ASPECT_COLOR_BIT, p);
    a.depth = externalDepth && !msaa
                  ? layer(target.depthImage, target.depthView, r.desc.depthFormat, VK_IMAGE_ASPECT_DEPTH_BIT, p)
                  : layer(ownDepth.image, ownDepth.view, ownDepth.format, VK_IMAGE_ASPECT_DEPTH_BIT, p);
    a.storeDepth = externalDepth && !msaa;
    if (msaa && externalDepth)
      a.depthResolve = layer(target.depthImage, target.depthView, r.desc.depthFormat, VK_IMAGE_ASPECT_DEPTH_BIT, p);
    recordScenePass(r, f, lists, passViews(p), a, formats, stats);
  }

  if (fxaa) {
    imageBarrier(cmd, post.color.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                 VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                 VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                 VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
    for (uint32_t p = 0; p < passCount; ++p)
      recordFxaaPass(r, cmd, passViews(p), layer(target.image, target.view, target.format, VK_IMAGE_ASPECT_COLOR_BIT, p),
                     target.extent, target.format, stats);
  }

  if (sync.afterScene) sync.afterScene(cmd);

  imageBarrier(cmd, target.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
               target.layoutAfter, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
               VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
               VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT | VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
               VK_ACCESS_2_TRANSFER_READ_BIT);
  if (f.timestamps) vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, f.timestamps, 1);
  if (!f.indirectCommands.empty()) {
    // Host writes before the submit below make them visible to the indirect reads (flushed where
    // the memory is not coherent).
    std::memcpy(f.indirect.mapped, f.indirectCommands.data(),
                f.indirectCommands.size() * sizeof(VkDrawIndexedIndirectCommand));
    flushBuffer(ctx, f.indirect);
  }
  CX_VK_CHECK(vkEndCommandBuffer(cmd));
  stats.cpuMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - cpuStart).count();

  VkCommandBufferSubmitInfo cmdInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO};
  cmdInfo.commandBuffer = cmd;
  VkSemaphoreSubmitInfo waitInfo{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
  waitInfo.semaphore = sync.wait;
  waitInfo.stageMask = sync.waitStage;
  VkSemaphoreSubmitInfo signalInfo{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
  signalInfo.semaphore = sync.signal;
  signalInfo.stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
  VkSubmitInfo2 submit{VK_STRUCTURE_TYPE_SUBMIT_INFO_2};
  submit.waitSemaphoreInfoCount = sync.wait ? 1 : 0;
  submit.pWaitSemaphoreInfos = &waitInfo;
  submit.commandBufferInfoCount = 1;
  submit.pCommandBufferInfos = &cmdInfo;
  submit.signalSemaphoreInfoCount = sync.signal ? 1 : 0;
  submit.pSignalSemaphoreInfos = &signalInfo;
  CX_VK_CHECK(vkResetFences(ctx.device, 1, &f.fence));
  CX_VK_CHECK(vkQueueSubmit2(ctx.queue, 1, &submit, f.fence));
  f.timestampsWritten = f.timestamps != VK_NULL_HANDLE;
  f.frameNumber = ++r.frameNumber;
  return stats;
}

}  // namespace cx::render
