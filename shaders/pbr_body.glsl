// The body of pbr.frag and pbr_mask.frag (which defines CX_ALPHA_MASK). Only the mask variant
// may discard: a shader that can discard lets a GPU test and write depth only after shading, so
// opaque materials are kept free of it.
#include "common.glsl"
// Metallic-roughness PBR: GGX distribution, height-correlated Smith visibility, Schlick Fresnel.
// The sun, up to 8 KHR_lights_punctual lights (frame.lights) and hemisphere ambient.

layout(location = 0) in vec3 inWorldPos;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec2 inUv;
layout(location = 4) in vec4 inBaseColor;  // factor (or booth colour) x vertex colour x tint (mesh.vert)

layout(location = 0) out vec4 outColor;

layout(set = 1, binding = 0) uniform MaterialUniforms {
  vec4 baseColorFactor;  // unused here: pushed to mesh.vert (GpuDrawConstants)
  vec4 emissive;      // rgb: factor * strength
  vec4 pbr;           // x metallic, y roughness, z normal scale, w occlusion strength
  vec4 alpha;         // x cutoff, y mode (0 opaque, 1 mask, 2 blend), z unlit, w double-sided
  vec4 uvTransform[10];  // per texture slot: (m00, m01, offset.x, _), (m10, m11, offset.y, _)
} material;

layout(set = 1, binding = 1) uniform sampler2D baseColorTex;
layout(set = 1, binding = 2) uniform sampler2D metallicRoughnessTex;
layout(set = 1, binding = 3) uniform sampler2D normalTex;
layout(set = 1, binding = 4) uniform sampler2D occlusionTex;
layout(set = 1, binding = 5) uniform sampler2D emissiveTex;

const float PI = 3.14159265359;

// Which texture slots the material has (bit 0 base colour, 1 metallic-roughness, 2 normal,
// 3 occlusion, 4 emissive): a specialization constant, so each pipeline variant compiles only
// the samples its materials use. A uniform flag would not do: a CPU rasteriser runs both sides of
// a branch under a mask, and each skipped sample still cost about 10 ms per 1280x720 frame.
layout(constant_id = 0) const int kTextureMask = 31;
bool textured(int slot) { return (kTextureMask & (1 << slot)) != 0; }
// Bit 5: metallic and roughness come in TEXCOORD_0 (merged far primitives, mesh.vert).
const bool kVertexMaterial = (kTextureMask & 32) != 0;

vec2 slotUv(int slot) {
  vec4 r0 = material.uvTransform[slot * 2];
  vec4 r1 = material.uvTransform[slot * 2 + 1];
  return vec2(dot(r0.xy, inUv) + r0.z, dot(r1.xy, inUv) + r1.z);
}

float distributionGgx(float nh, float a2) {
  float d = nh * nh * (a2 - 1.0) + 1.0;
  return a2 / (PI * d * d);
}

float visibilitySmithGgx(float nl, float nv, float a2) {
  float gv = nl * sqrt(nv * nv * (1.0 - a2) + a2);
  float gl = nv * sqrt(nl * nl * (1.0 - a2) + a2);
  return 0.5 / max(gv + gl, 1e-5);
}

vec3 evaluateLight(vec3 n, vec3 v, vec3 l, vec3 radiance, vec3 albedo, float metallic, float roughness) {
  float nl = clamp(dot(n, l), 0.0, 1.0);
  if (nl <= 0.0) return vec3(0.0);
  vec3 h = normalize(l + v);
  float nv = clamp(abs(dot(n, v)), 1e-4, 1.0);
  float nh = clamp(dot(n, h), 0.0, 1.0);
  float vh = clamp(dot(v, h), 0.0, 1.0);
  float a = roughness * roughness;
  float a2 = a * a;
  vec3 f0 = mix(vec3(0.04), albedo, metallic);
  float m = 1.0 - vh, m2 = m * m;
  vec3 fresnel = f0 + (1.0 - f0) * (m2 * m2 * m);  // Schlick; pow() costs a CPU rasteriser exp2 and log2
  vec3 diffuse = (1.0 - fresnel) * (1.0 - metallic) * albedo / PI;
  vec3 specular = fresnel * distributionGgx(nh, a2) * visibilitySmithGgx(nl, nv, a2);
  return (diffuse + specular) * radiance * nl;
}

// Radiance arriving from a KHR_lights_punctual light and the unit vector towards it, with the
// extension's range attenuation (inverse square, windowed to zero at `range`) and spot falloff.
vec3 punctualRadiance(Light light, vec3 worldPos, out vec3 l) {
  int type = int(light.position.w + 0.5);
  if (type == 0) {
    l = -light.direction.xyz;
    return light.color.rgb;
  }
  vec3 toLight = light.position.xyz - worldPos;
  float d2 = max(dot(toLight, toLight), 1e-4);
  l = toLight * inversesqrt(d2);
  float attenuation = 1.0 / d2;
  float range = light.direction.w;
  if (range > 0.0) {
    float r2 = d2 / (range * range);
    attenuation *= clamp(1.0 - r2 * r2, 0.0, 1.0);
  }
  if (type == 2) {
    float cone = clamp(dot(light.direction.xyz, -l) * light.spot.x + light.spot.y, 0.0, 1.0);
    attenuation *= cone * cone;
  }
  return light.color.rgb * attenuation;
}

void main() {
  vec4 base = inBaseColor;
  if (textured(0)) base *= texture(baseColorTex, slotUv(0));
  int mode = int(material.alpha.y + 0.5);
#ifdef CX_ALPHA_MASK
  if (base.a < material.alpha.x) discard;
#endif
  if (mode != 2) base.a = 1.0;

  vec3 color;
  if (material.alpha.z > 0.5) {
    color = base.rgb;  // KHR_materials_unlit
  } else {
    vec3 n = normalize(inNormal);
    if (!gl_FrontFacing) n = -n;  // double-sided: light the back face with its own normal
    if (textured(2)) {
      vec3 tn = texture(normalTex, slotUv(2)).xyz * 2.0 - 1.0;
      vec3 tangentLength = inTangent.xyz;
      if (dot(tangentLength, tangentLength) > 1e-8) {
        vec3 t = normalize(inTangent.xyz - n * dot(n, inTangent.xyz));
        vec3 b = cross(n, t) * (inTangent.w < 0.0 ? -1.0 : 1.0);
        tn.xy *= material.pbr.z;
        n = normalize(mat3(t, b, n) * tn);
      }
    }
    vec4 mr = textured(1) ? texture(metallicRoughnessTex, slotUv(1)) : vec4(1.0);
    vec2 pbr = kVertexMaterial ? inUv : material.pbr.xy;
    float metallic = clamp(pbr.x * mr.b, 0.0, 1.0);
    float roughness = clamp(pbr.y * mr.g, 0.04, 1.0);
    float occlusion = textured(3) ? mix(1.0, texture(occlusionTex, slotUv(3)).r, material.pbr.w) : 1.0;

    vec3 v = normalize(frame.views[CX_VIEW_INDEX].eye.xyz - inWorldPos);
    vec3 sun = frame.sunColor.rgb * frame.sunDirection.w;
    color = evaluateLight(n, v, normalize(frame.sunDirection.xyz), sun, base.rgb, metallic, roughness);
    int lightCount = int(frame.lightCount.x + 0.5);
    for (int i = 0; i < lightCount; ++i) {
      vec3 l;
      vec3 radiance = punctualRadiance(frame.lights[i], inWorldPos, l);
      color += evaluateLight(n, v, l, radiance, base.rgb, metallic, roughness);
    }
    vec3 ambient = mix(frame.groundColor.rgb, frame.skyColor.rgb, n.y * 0.5 + 0.5) * frame.skyColor.w;
    color += ambient * base.rgb * (1.0 - 0.5 * metallic) * occlusion;
  }
  vec3 emissive = material.emissive.rgb;
  if (textured(4)) emissive *= texture(emissiveTex, slotUv(4)).rgb;
  color += emissive;
  color *= frame.params.x;
  color = clamp(color, 0.0, 1.0);
  color = encodeOutput(color);
  outColor = vec4(color, base.a);
}
