#include "cx/render/gpu_model.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "cx/assets/lod.h"
#include "cx/assets/texture_transform.h"
#include "cx/render/facing.h"
#include "cx/render/renderer.h"
#include "cx/render/vk_check.h"
#include "far_merge.h"
#include "gpu_types.h"

namespace cx::render {
namespace {

// Far levels of detail. The first aims for a quarter of the triangles, deviating by at most 5% of
// the model's diagonal (15-25 cm for a booth, so it is used from some 100-150 m at 720p); the
// second by at most 7%, from 1.4 times as far. Both drop thin strips only up to 5% across: wider
// ones are whole boards and counters, and dropping them (measured at 10%) takes the booths'
// colours out of an overview although each is under a pixel. A coarser level is kept only where
// it has under kLodMinGain of the triangles of the one before.
struct LodLevelSpec {
  float triangleRatio;
  float errorFraction;
  float stripFraction;
};
constexpr LodLevelSpec kLodLevelSpecs[kLodLevels] = {{0.25f, 0.05f, 0.05f}, {0.25f, 0.07f, 0.05f}};
constexpr double kLodMinGain = 0.8;

// Facing lists are built for level ranges up to this many indices (booth parts and their LODs,
// not whole buildings), for single-sided opaque or masked materials, and while a model's lists
// hold at most kMaxFacingIndicesPerModel (4 MiB). A primitive's 26 lists hold about 15 times its
// indices (measured on the sample's models: 8-20k indices, 30-80 KB, each); the cap keeps a
// heavy model from growing memory by as much.
constexpr uint32_t kMaxFacingIndices = 3 * 4096;
constexpr size_t kMaxFacingIndicesPerModel = size_t(1) << 20;

// Per primitive and level, the index lists of facing.h, appended to `extra` (which follows the
// `fullIndexCount` indices of `full` in the index buffer). A region whose list keeps every
// triangle takes the level's own range.
void buildFacingRanges(const assets::Model& model, std::span<const assets::Vertex> vertices,
                       std::span<const uint32_t> full, uint32_t fullIndexCount, std::vector<uint32_t>& extra,
                       GpuModel& gpu) {
  auto indicesOf = [&](const IndexRange& r) {
    return r.first < fullIndexCount ? full.data() + r.first : extra.data() + (r.first - fullIndexCount);
  };
  std::vector<uint32_t> tris;
  const size_t extraLimit = extra.size() + kMaxFacingIndicesPerModel;
  for (GpuPrimitive& gp : gpu.primitives) {
    if (gp.material < model.materials.size()) {
      const assets::Material& m = model.materials[gp.material];
      if (m.doubleSided || m.alphaMode == assets::AlphaMode::Blend) continue;
    }
    IndexRange levels[kLodLevels + 1] = {{gp.firstIndex, gp.indexCount}};
    for (uint32_t k = 0; k < kLodLevels; ++k) levels[k + 1] = gp.lod[k];
    if (std::any_of(std::begin(levels), std::end(levels), [](const IndexRange& r) { return r.count > kMaxFacingIndices; }))
      continue;
    // The eye regions are taken around the bounds: every corner must lie within them.
    auto inBounds = [&](const IndexRange& r) {
      const uint32_t* src = indicesOf(r);
      return std::all_of(src, src + r.count, [&](uint32_t i) {
        const glm::vec3 p = vertices[size_t(gp.vertexOffset) + i].position;
        return glm::all(glm::greaterThanEqual(p, gp.boundsMin)) && glm::all(glm::lessThanEqual(p, gp.boundsMax));
      });
    };
    if (!std::all_of(std::begin(levels), std::end(levels), inBounds)) continue;
    const size_t extraStart = extra.size();
    gp.firstFacing = uint32_t(gpu.facingRanges.size());
    for (uint32_t level = 0; level <= kLodLevels; ++level) {
      const IndexRange range = levels[level];
      if (level > 0 && range.first == levels[level - 1].first && range.count == levels[level - 1].count) {
        // The same range as the level before (no coarser LOD): the same lists.
        const size_t from = gpu.facingRanges.size() - kEyeRegions;
        for (uint32_t region = 0; region < kEyeRegions; ++region) gpu.facingRanges.push_back(gpu.facingRanges[from + region]);
        continue;
      }
      const uint32_t* src = indicesOf(range);
      tris.assign(src, src + range.count);
      for (uint32_t region = 0; region < kEyeRegions; ++region) {
        IndexRange facing = range;
        if (region != kEyeInside) {
          const uint32_t at = fullIndexCount + uint32_t(extra.size());
          const size_t n = appendFacingTriangles(tris, vertices.subspan(size_t(gp.vertexOffset)), region, extra);
          if (n < tris.size()) {
            facing = {at, uint32_t(n)};
          } else {
            extra.resize(extra.size() - n);
          }
        }
        gpu.facingRanges.push_back(facing);
      }
    }
    if (extra.size() > extraLimit) {  // over budget: this primitive draws whole ranges
      extra.resize(extraStart);
      gpu.facingRanges.resize(gp.firstFacing);
      gp.firstFacing = kNoFacing;
    }
  }
}

float srgbToLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }
float linearToSrgb(float c) { return c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f; }

VkFilter toVk(assets::Filter f) { return f == assets::Filter::Nearest ? VK_FILTER_NEAREST : VK_FILTER_LINEAR; }
VkSamplerAddressMode toVk(assets::Wrap w) {
  switch (w) {
    case assets::Wrap::ClampToEdge:
      return VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    case assets::Wrap::MirroredRepeat:
      return VK_SAMPLER_ADDRESS_MODE_MIRRORED_REPEAT;
    default:
      return VK_SAMPLER_ADDRESS_MODE_REPEAT;
  }
}

// Row-major 2x3 of KHR_texture_transform: uv' = T * R * S * uv.
void packTransform(const assets::TextureTransform& t, glm::vec4* rows) {
  const glm::mat3 m = assets::textureTransformMatrix(t);  // column-major: m[column][row]
  rows[0] = glm::vec4(m[0][0], m[1][0], m[2][0], 0.0f);
  rows[1] = glm::vec4(m[0][1], m[1][1], m[2][1], 0.0f);
}

uint32_t mipLevelCount(uint32_t w, uint32_t h) {
  uint32_t levels = 1;
  while (w > 1 || h > 1) {
    w = std::max(1u, w / 2);
    h = std::max(1u, h / 2);
    ++levels;
  }
  return levels;
}

// One mip level of a colour image.
VkImageSubresourceRange mipLevel(uint32_t level) { return {VK_IMAGE_ASPECT_COLOR_BIT, level, 1, 0, 1}; }

// After uploadToImage has filled level 0 (and left every level SHADER_READ_ONLY), each level is
// a linear blit of the one before; sRGB images are filtered in linear light by the blit.
void recordMipBlits(UploadBatch& batch, const Image& img, uint32_t levels) {
  const VkImage image = img.image;
  const int32_t width = int32_t(img.extent.width), height = int32_t(img.extent.height);
  batch.commands.push_back([=](VkCommandBuffer cmd) {
    constexpr VkPipelineStageFlags2 kBlit = VK_PIPELINE_STAGE_2_BLIT_BIT;
    constexpr VkPipelineStageFlags2 kAfterUpload =
        VK_PIPELINE_STAGE_2_COPY_BIT | VK_PIPELINE_STAGE_2_BLIT_BIT | VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT;
    constexpr VkPipelineStageFlags2 kShader = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT;
    int32_t w = width, h = height;
    for (uint32_t level = 1; level < levels; ++level) {
      const int32_t nw = std::max(1, w / 2), nh = std::max(1, h / 2);
      imageBarrier(cmd, image, mipLevel(level - 1), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                   VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, kAfterUpload, VK_ACCESS_2_TRANSFER_WRITE_BIT, kBlit,
                   VK_ACCESS_2_TRANSFER_READ_BIT);
      imageBarrier(cmd, image, mipLevel(level), VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                   kAfterUpload, 0, kBlit, VK_ACCESS_2_TRANSFER_WRITE_BIT);
      VkImageBlit region{};
      region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level - 1, 0, 1};
      region.srcOffsets[1] = {w, h, 1};
      region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
      region.dstOffsets[1] = {nw, nh, 1};
      vkCmdBlitImage(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                     &region, VK_FILTER_LINEAR);
      imageBarrier(cmd, image, mipLevel(level - 1), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                   VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, kBlit, 0, kShader, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
      // The new level is written back to SHADER_READ_ONLY so the next step finds every level alike.
      imageBarrier(cmd, image, mipLevel(level), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                   VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, kBlit, VK_ACCESS_2_TRANSFER_WRITE_BIT, kShader | kBlit,
                   VK_ACCESS_2_SHADER_SAMPLED_READ_BIT | VK_ACCESS_2_TRANSFER_READ_BIT);
      w = nw;
      h = nh;
    }
  });
}

}  // namespace

bool canBlitMipmaps(const Context& ctx, VkFormat format) {
  VkFormatProperties props;
  vkGetPhysicalDeviceFormatProperties(ctx.physicalDevice, format, &props);
  const VkFormatFeatureFlags needed = VK_FORMAT_FEATURE_BLIT_SRC_BIT | VK_FORMAT_FEATURE_BLIT_DST_BIT |
                                      VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT;
  return (props.optimalTilingFeatures & needed) == needed;
}

VkSampler createSampler(const Context& ctx, const assets::Sampler& s) {
  VkSamplerCreateInfo info{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  info.magFilter = toVk(s.magFilter);
  info.minFilter = toVk(s.minFilter);
  info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR;
  info.addressModeU = toVk(s.wrapS);
  info.addressModeV = toVk(s.wrapT);
  info.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
  info.maxLod = s.mipmaps ? VK_LOD_CLAMP_NONE : 0.0f;
  if (ctx.caps.samplerAnisotropy && s.mipmaps && s.minFilter == assets::Filter::Linear) {
    info.anisotropyEnable = VK_TRUE;
    info.maxAnisotropy = std::min(8.0f, ctx.caps.maxAnisotropy);
  }
  VkSampler sampler;
  CX_VK_CHECK(vkCreateSampler(ctx.device, &info, nullptr, &sampler));
  return sampler;
}

std::vector<std::vector<uint8_t>> buildMipChain(const assets::Image& image, bool generateMips) {
  std::vector<std::vector<uint8_t>> levels;
  levels.push_back(image.rgba8);
  if (!generateMips) return levels;
  const bool srgb = image.colorSpace == assets::ColorSpace::Srgb;
  uint32_t w = image.width, h = image.height;
  while (w > 1 || h > 1) {
    const auto& src = levels.back();
    uint32_t nw = std::max(1u, w / 2), nh = std::max(1u, h / 2);
    std::vector<uint8_t> dst(size_t(nw) * nh * 4);
    for (uint32_t y = 0; y < nh; ++y) {
      for (uint32_t x = 0; x < nw; ++x) {
        for (int c = 0; c < 4; ++c) {
          float sum = 0.0f;
          for (uint32_t dy = 0; dy < 2; ++dy) {
            for (uint32_t dx = 0; dx < 2; ++dx) {
              uint32_t sx = std::min(w - 1, x * 2 + dx), sy = std::min(h - 1, y * 2 + dy);
              float v = src[(size_t(sy) * w + sx) * 4 + c] / 255.0f;
              sum += (srgb && c < 3) ? srgbToLinear(v) : v;
            }
          }
          float avg = sum * 0.25f;
          if (srgb && c < 3) avg = linearToSrgb(avg);
          dst[(size_t(y) * nw + x) * 4 + c] = uint8_t(std::clamp(avg * 255.0f + 0.5f, 0.0f, 255.0f));
        }
      }
    }
    levels.push_back(std::move(dst));
    w = nw;
    h = nh;
  }
  return levels;
}

GpuModel uploadModel(const Context& ctx, const Renderer& renderer, const assets::Model& model) {
  GpuModel gpu;
  gpu.name = model.name;
  gpu.nodes = model.instances;
  gpu.boundsMin = model.boundsMin;
  gpu.boundsMax = model.boundsMax;
  for (const auto& placed : model.lightInstances) {
    if (placed.light >= model.lights.size()) continue;
    const assets::Light& light = model.lights[placed.light];
    PunctualLight p;
    p.type = light.type;
    p.position = glm::vec3(placed.world[3]);
    const glm::vec3 axis = -glm::vec3(placed.world[2]);  // lights shine along their node's -Z
    p.direction = glm::length(axis) > 1e-12f ? glm::normalize(axis) : glm::vec3(0.0f, 0.0f, -1.0f);
    p.color = light.color * light.intensity;
    p.range = light.range;
    p.innerConeAngle = light.innerConeAngle;
    p.outerConeAngle = light.outerConeAngle;
    gpu.lights.push_back(p);
  }

  // Geometry: all primitives concatenated, then their far levels of detail. Level k may deviate by
  // up to kLodLevelSpecs[k].errorFraction of the model's size; instances use it only where that is
  // under about a pixel on screen (draw_lists.cpp), so the allowance sets how soon, not how
  // visibly, they switch.
  std::vector<assets::Vertex> vertices;
  std::vector<uint32_t> indices;
  std::vector<uint32_t> lodIndices;  // after all the full meshes' indices
  std::vector<uint64_t> meshTriangles;
  uint32_t fullIndexCount = 0;
  for (const auto& mesh : model.meshes)
    for (const auto& prim : mesh.primitives) fullIndexCount += uint32_t(prim.indices.size());
  const float modelSize = glm::length(model.boundsMax - model.boundsMin);
  // Merged far primitives (far_merge.h) take materials after the glTF default.
  const uint32_t firstMergedMaterial = uint32_t(model.materials.size()) + 1;
  std::vector<uint32_t> mergedSources;
  for (const auto& mesh : model.meshes) {
    GpuMesh gm{uint32_t(gpu.primitives.size()), uint32_t(mesh.primitives.size())};
    uint64_t tris = 0;
    std::array<float, kLodLevels> meshLodError{};
    for (const auto& prim : mesh.primitives) {
      GpuPrimitive gp;
      gp.firstIndex = uint32_t(indices.size());
      gp.indexCount = uint32_t(prim.indices.size());
      gp.vertexOffset = int32_t(vertices.size());
      vertices.insert(vertices.end(), prim.vertices.begin(), prim.vertices.end());
      indices.insert(indices.end(), prim.indices.begin(), prim.indices.end());
      IndexRange finer{gp.firstIndex, gp.indexCount};
      float finerError = 0.0f;
      for (uint32_t level = 0; level < kLodLevels; ++level) {
        gp.lod[level] = finer;
        meshLodError[level] = std::max(meshLodError[level], finerError);
        const LodLevelSpec& spec = kLodLevelSpecs[level];
        assets::PrimitiveLod lod = assets::buildPrimitiveLod(prim, spec.triangleRatio,
                                                             spec.errorFraction * modelSize,
                                                             spec.stripFraction * modelSize);
        // A level is kept where it has something to say: any deviation or fewer triangles than the
        // full mesh for the first, markedly fewer than the level before for the others.
        const bool keep = level == 0 ? lod.error > 0.0f || lod.indices.size() < prim.indices.size()
                                     : double(lod.indices.size()) < kLodMinGain * double(finer.count);
        if (!keep) continue;
        // Its own corners (extraVertices) go after the primitive's and the earlier levels' ones.
        const uint32_t base = uint32_t(prim.vertices.size());
        const uint32_t shift = uint32_t(vertices.size()) - uint32_t(gp.vertexOffset) - base;
        gp.lod[level] = {fullIndexCount + uint32_t(lodIndices.size()), uint32_t(lod.indices.size())};
        for (uint32_t i : lod.indices) lodIndices.push_back(i >= base ? i + shift : i);
        vertices.insert(vertices.end(), lod.extraVertices.begin(), lod.extraVertices.end());
        finerError = std::max(finerError, lod.error);
        meshLodError[level] = std::max(meshLodError[level], finerError);
        finer = gp.lod[level];
        gp.hasLod = true;
      }
      gp.material = prim.material >= 0 && size_t(prim.material) < model.materials.size()
                        ? uint32_t(prim.material)
                        : uint32_t(model.materials.size());
      gp.boundsMin = prim.boundsMin;
      gp.boundsMax = prim.boundsMax;
      tris += prim.indices.size() / 3;
      gpu.primitives.push_back(gp);
    }
    if (meshLodError.back() > 0.0f)  // instances of it can be far
      gm.primitiveCount += mergeFarPrimitives(model, mesh, gm.firstPrimitive, indices, fullIndexCount, vertices,
                                              lodIndices, firstMergedMaterial, mergedSources, gpu);
    meshTriangles.push_back(tris);
    gpu.meshes.push_back(gm);
    gpu.meshLodError.push_back(meshLodError);
  }
  const size_t lodIndexCount = lodIndices.size();
  buildFacingRanges(model, vertices, indices, fullIndexCount, lodIndices, gpu);
  spdlog::debug("model {} ({:.1f} m): {} indices, far LODs {}, facing lists {}", model.name, modelSize, indices.size(),
                lodIndexCount, lodIndices.size() - lodIndexCount);
  indices.insert(indices.end(), lodIndices.begin(), lodIndices.end());
  for (const auto& node : model.instances) {
    if (node.mesh < meshTriangles.size()) gpu.triangleCount += meshTriangles[node.mesh];
  }

  UploadBatch batch{&ctx};
  const VkDeviceSize vbytes = std::max<VkDeviceSize>(16, vertices.size() * sizeof(assets::Vertex));
  const VkDeviceSize ibytes = std::max<VkDeviceSize>(16, indices.size() * sizeof(uint32_t));
  gpu.vertices = createBuffer(ctx, {vbytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                    MemoryUsage::DeviceLocal, "vertices"});
  gpu.indices = createBuffer(ctx, {ibytes, VK_BUFFER_USAGE_INDEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                   MemoryUsage::DeviceLocal, "indices"});
  uploadToBuffer(batch, gpu.vertices,
                 {reinterpret_cast<const uint8_t*>(vertices.data()), vertices.size() * sizeof(assets::Vertex)});
  uploadToBuffer(batch, gpu.indices,
                 {reinterpret_cast<const uint8_t*>(indices.data()), indices.size() * sizeof(uint32_t)});
  gpu.gpuBytes += vbytes + ibytes;

  // Textures. An image referenced only by non-mipmapped samplers still gets mips; the sampler
  // clamps the LOD. Mips are blitted on the GPU where the format allows linear blits, else built
  // on the CPU.
  for (const auto& img : model.images) {
    const bool mips = img.width > 1 || img.height > 1;
    ImageDesc desc;
    desc.extent = {img.width, img.height};
    desc.format = img.colorSpace == assets::ColorSpace::Srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM;
    desc.debugName = "texture";
    const bool blit = mips && canBlitMipmaps(ctx, desc.format);
    std::vector<std::vector<uint8_t>> chain = blit ? std::vector<std::vector<uint8_t>>{img.rgba8}
                                                   : buildMipChain(img, mips);
    desc.mipLevels = blit ? mipLevelCount(img.width, img.height) : uint32_t(chain.size());
    if (blit) desc.usage |= VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    Image gi = createImage(ctx, desc);
    uploadToImage(batch, gi, chain);
    if (blit) recordMipBlits(batch, gi, desc.mipLevels);
    for (uint32_t level = 0, w = img.width, h = img.height; level < desc.mipLevels; ++level) {
      gpu.gpuBytes += VkDeviceSize(w) * h * 4;
      w = std::max(1u, w / 2);
      h = std::max(1u, h / 2);
    }
    gpu.images.push_back(gi);
  }
  for (const auto& s : model.samplers) gpu.samplers.push_back(createSampler(ctx, s));

  // Materials: one uniform block each (plus the glTF default at the end), one descriptor set each.
  const uint32_t materialCount = uint32_t(model.materials.size()) + 1;
  const VkDeviceSize align = std::max<VkDeviceSize>(16, ctx.properties.limits.minUniformBufferOffsetAlignment);
  const VkDeviceSize stride = (sizeof(GpuMaterialUniforms) + align - 1) / align * align;
  std::vector<uint8_t> uniformBytes(stride * materialCount, 0);
  gpu.materialUniforms = createBuffer(ctx, {stride * materialCount,
                                            VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                            MemoryUsage::DeviceLocal, "materials"});

  VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, materialCount},
                                  {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, materialCount * 5}};
  VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  poolInfo.maxSets = materialCount;
  poolInfo.poolSizeCount = 2;
  poolInfo.pPoolSizes = sizes;
  CX_VK_CHECK(vkCreateDescriptorPool(ctx.device, &poolInfo, nullptr, &gpu.descriptorPool));

  for (uint32_t m = 0; m < materialCount; ++m) {
    assets::Material mat = m < model.materials.size() ? model.materials[m] : assets::Material{};
    GpuMaterialUniforms u{};
    u.baseColorFactor = mat.baseColorFactor;
    u.emissive = glm::vec4(mat.emissiveFactor * mat.emissiveStrength, 0.0f);
    u.pbr = glm::vec4(mat.metallicFactor, mat.roughnessFactor, mat.normalScale, mat.occlusionStrength);
    u.alpha = glm::vec4(mat.alphaCutoff, float(int(mat.alphaMode)), mat.unlit ? 1.0f : 0.0f,
                        mat.doubleSided ? 1.0f : 0.0f);
    const assets::TextureRef* slots[5] = {&mat.baseColorTexture, &mat.metallicRoughnessTexture, &mat.normalTexture,
                                          &mat.occlusionTexture, &mat.emissiveTexture};
    uint32_t textureMask = 0;  // the pipeline variant (pbr_body.glsl: kTextureMask)
    for (int s = 0; s < 5; ++s) {
      packTransform(slots[s]->transform, &u.uvTransform[s * 2]);
      if (slots[s]->image >= 0 && size_t(slots[s]->image) < model.images.size()) textureMask |= 1u << s;
    }
    std::memcpy(uniformBytes.data() + stride * m, &u, sizeof(u));

    GpuMaterial gm{mat.alphaMode, mat.doubleSided, VK_NULL_HANDLE};
    gm.textureMask = textureMask;
    gm.baseColorFactor = mat.baseColorFactor;
    VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    alloc.descriptorPool = gpu.descriptorPool;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &renderer.materialLayout;
    CX_VK_CHECK(vkAllocateDescriptorSets(ctx.device, &alloc, &gm.set));

    VkDescriptorBufferInfo bufferInfo{gpu.materialUniforms.buffer, stride * m, sizeof(GpuMaterialUniforms)};
    VkDescriptorImageInfo imageInfos[5];
    for (int s = 0; s < 5; ++s) {
      const auto& ref = *slots[s];
      bool valid = ref.image >= 0 && size_t(ref.image) < gpu.images.size();
      VkImageView fallback = s == 2 ? renderer.flatNormalTexture.view : renderer.whiteTexture.view;
      imageInfos[s].imageView = valid ? gpu.images[ref.image].view : fallback;
      imageInfos[s].sampler = ref.sampler >= 0 && size_t(ref.sampler) < gpu.samplers.size() ? gpu.samplers[ref.sampler]
                                                                                          : renderer.defaultSampler;
      imageInfos[s].imageLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
    }
    VkWriteDescriptorSet writes[6]{};
    initDescriptorWrites(writes, gm.set);
    writes[0].descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
    writes[0].pBufferInfo = &bufferInfo;
    for (uint32_t w = 1; w < 6; ++w) {
      writes[w].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
      writes[w].pImageInfo = &imageInfos[w - 1];
    }
    vkUpdateDescriptorSets(ctx.device, 6, writes, 0, nullptr);
    gpu.materials.push_back(gm);
  }
  for (uint32_t source : mergedSources) {
    // Its uniforms (emission, unlit) are the source's; the rest comes from the vertices.
    GpuMaterial gm = gpu.materials[source];
    gm.textureMask = kVertexMaterial;
    gm.role = MaterialRole::Own;
    gm.baseColorFactor = glm::vec4(1.0f);
    gpu.materials.push_back(gm);
  }
  uploadToBuffer(batch, gpu.materialUniforms, uniformBytes);
  submitUploads(batch);
  return gpu;
}

void appendLights(const GpuModel& model, const glm::mat4& transform, std::vector<PunctualLight>& out) {
  for (PunctualLight light : model.lights) {
    light.position = glm::vec3(transform * glm::vec4(light.position, 1.0f));
    const glm::vec3 axis = glm::mat3(transform) * light.direction;
    if (glm::length(axis) > 1e-12f) light.direction = glm::normalize(axis);
    out.push_back(light);
  }
}

std::vector<PunctualLight> selectLights(std::span<const PunctualLight> lights, glm::vec3 eye, size_t maxLights) {
  std::vector<std::pair<float, size_t>> order;
  order.reserve(lights.size());
  for (size_t i = 0; i < lights.size(); ++i) {
    const PunctualLight& l = lights[i];
    float distance = 0.0f;
    if (l.type != assets::LightType::Directional) {
      distance = glm::length(l.position - eye);
      if (l.range > 0.0f) distance = std::max(0.0f, distance - l.range);
      distance += 1.0f;  // keep directional lights (0) ahead of every local one
    }
    order.push_back({distance, i});
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<PunctualLight> chosen;
  for (size_t k = 0; k < order.size() && k < maxLights; ++k) chosen.push_back(lights[order[k].second]);
  return chosen;
}

void packFrameLights(std::span<const PunctualLight> lights, glm::vec3 eye, GpuFrameUniforms& out) {
  const std::vector<PunctualLight> chosen = selectLights(lights, eye, kMaxFrameLights);
  out.lightCount = glm::vec4(float(chosen.size()), 0.0f, 0.0f, 0.0f);
  for (size_t i = 0; i < chosen.size(); ++i) {
    const PunctualLight& l = chosen[i];
    GpuLight& g = out.lights[i];
    g.position = glm::vec4(l.position, float(int(l.type)));
    g.direction = glm::vec4(l.direction, l.type == assets::LightType::Directional ? 0.0f : l.range);
    g.color = glm::vec4(l.color, 0.0f);
    // KHR_lights_punctual's spot falloff: clamp(cos * scale + offset, 0, 1)^2.
    const float cosOuter = std::cos(l.outerConeAngle), cosInner = std::cos(l.innerConeAngle);
    const float scale = 1.0f / std::max(0.001f, cosInner - cosOuter);
    g.spot = glm::vec4(scale, -cosOuter * scale, 0.0f, 0.0f);
  }
}

void destroyModel(const Context& ctx, GpuModel& model) {
  destroyBuffer(ctx, model.vertices);
  destroyBuffer(ctx, model.indices);
  destroyBuffer(ctx, model.materialUniforms);
  for (auto& img : model.images) destroyImage(ctx, img);
  for (auto s : model.samplers) vkDestroySampler(ctx.device, s, nullptr);
  if (model.descriptorPool) vkDestroyDescriptorPool(ctx.device, model.descriptorPool, nullptr);
  model = {};
}

}  // namespace cx::render
