#include "cx/render/gpu_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "cx/render/renderer.h"
#include "cx/render/vk_check.h"
#include "gpu_types.h"

namespace cx::render {
namespace {

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
  float c = std::cos(t.rotation), s = std::sin(t.rotation);
  // The extension's GLSL builds the rotation with columns (c, s) and (-s, c).
  rows[0] = glm::vec4(c * t.scale.x, -s * t.scale.y, t.offset.x, 0.0f);
  rows[1] = glm::vec4(s * t.scale.x, c * t.scale.y, t.offset.y, 0.0f);
}

}  // namespace

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

  // Geometry: all primitives concatenated.
  std::vector<assets::Vertex> vertices;
  std::vector<uint32_t> indices;
  std::vector<uint64_t> meshTriangles;
  for (const auto& mesh : model.meshes) {
    GpuMesh gm{uint32_t(gpu.primitives.size()), uint32_t(mesh.primitives.size())};
    uint64_t tris = 0;
    for (const auto& prim : mesh.primitives) {
      GpuPrimitive gp;
      gp.firstIndex = uint32_t(indices.size());
      gp.indexCount = uint32_t(prim.indices.size());
      gp.vertexOffset = int32_t(vertices.size());
      gp.material = prim.material >= 0 && size_t(prim.material) < model.materials.size()
                        ? uint32_t(prim.material)
                        : uint32_t(model.materials.size());
      gp.boundsMin = prim.boundsMin;
      gp.boundsMax = prim.boundsMax;
      vertices.insert(vertices.end(), prim.vertices.begin(), prim.vertices.end());
      indices.insert(indices.end(), prim.indices.begin(), prim.indices.end());
      tris += prim.indices.size() / 3;
      gpu.primitives.push_back(gp);
    }
    meshTriangles.push_back(tris);
    gpu.meshes.push_back(gm);
  }
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
  // clamps the LOD.
  for (const auto& img : model.images) {
    bool mips = img.width > 1 || img.height > 1;
    auto chain = buildMipChain(img, mips);
    ImageDesc desc;
    desc.extent = {img.width, img.height};
    desc.format = img.colorSpace == assets::ColorSpace::Srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM;
    desc.mipLevels = uint32_t(chain.size());
    desc.debugName = "texture";
    Image gi = createImage(ctx, desc);
    uploadToImage(batch, gi, chain);
    for (auto& level : chain) gpu.gpuBytes += level.size();
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
    for (int s = 0; s < 5; ++s) packTransform(slots[s]->transform, &u.uvTransform[s * 2]);
    std::memcpy(uniformBytes.data() + stride * m, &u, sizeof(u));

    GpuMaterial gm{mat.alphaMode, mat.doubleSided, VK_NULL_HANDLE};
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
    for (uint32_t w = 0; w < 6; ++w) {
      writes[w] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
      writes[w].dstSet = gm.set;
      writes[w].dstBinding = w;
      writes[w].descriptorCount = 1;
      writes[w].descriptorType = w == 0 ? VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER : VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
      if (w == 0) {
        writes[w].pBufferInfo = &bufferInfo;
      } else {
        writes[w].pImageInfo = &imageInfos[w - 1];
      }
    }
    vkUpdateDescriptorSets(ctx.device, 6, writes, 0, nullptr);
    gpu.materials.push_back(gm);
  }
  uploadToBuffer(batch, gpu.materialUniforms, uniformBytes);
  submitUploads(batch);
  return gpu;
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
