// One open of a stream with FFmpeg: demux, decode, convert, push into the player's queues.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstring>
#include <mutex>

#include "player_impl.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace cx::media {
namespace {

int64_t steadyMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

std::string avErrorText(int code) {
  if (code == AVERROR_HTTP_NOT_FOUND) return "HTTP 404 Not Found";
  if (code == AVERROR_HTTP_FORBIDDEN) return "HTTP 403 Forbidden";
  if (code == AVERROR_HTTP_SERVER_ERROR) return "HTTP 5xx server error";
  if (code == AVERROR_INVALIDDATA) return "not a playable video, or corrupt data (invalid data found)";
  if (code == AVERROR(ECONNREFUSED)) return "connection refused";
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, buf, sizeof buf);
  return buf;
}

// FFmpeg's log is process-wide; its warnings go to spdlog at debug level (a broken stream must
// not flood the console: the player reports one line itself).
void ffmpegLogToSpdlog(void* avcl, int level, const char* format, va_list args) {
  if (level > AV_LOG_WARNING || !spdlog::should_log(spdlog::level::debug)) return;
  char line[1024];
  int prefix = 1;
  va_list copy;
  va_copy(copy, args);
  av_log_format_line(avcl, level, format, copy, line, sizeof line, &prefix);
  va_end(copy);
  size_t n = strlen(line);
  while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
  spdlog::debug("ffmpeg: {}", line);
}

void routeFfmpegLog() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_callback(ffmpegLogToSpdlog); });
}

bool allowedVideoCodec(AVCodecID id) {
  return id == AV_CODEC_ID_H264 || id == AV_CODEC_ID_HEVC || id == AV_CODEC_ID_VP8 || id == AV_CODEC_ID_VP9 ||
         id == AV_CODEC_ID_AV1;
}
bool allowedAudioCodec(AVCodecID id) {
  return id == AV_CODEC_ID_AAC || id == AV_CODEC_ID_OPUS || id == AV_CODEC_ID_VORBIS || id == AV_CODEC_ID_MP3;
}

// Network reads are cut off by this callback: at stop, or when one blocking step (open, probe,
// one packet) takes longer than the time-out.
struct Interrupt {
  const std::atomic<bool>* stopping = nullptr;
  std::atomic<int64_t> deadlineMs{0};
  void arm(int timeoutMs) { deadlineMs = steadyMs() + timeoutMs; }
  bool expired() const { return steadyMs() > deadlineMs.load(); }
};
int interruptCallback(void* opaque) {
  auto* i = static_cast<Interrupt*>(opaque);
  return (i->stopping->load() || i->expired()) ? 1 : 0;
}

struct Session {
  AVFormatContext* format = nullptr;
  AVCodecContext* video = nullptr;
  AVCodecContext* audio = nullptr;
  SwsContext* sws = nullptr;
  SwrContext* swr = nullptr;
  AVPacket* packet = av_packet_alloc();
  AVFrame* frame = av_frame_alloc();
  int swrRate = 0, swrFormat = -1;
  AVChannelLayout swrLayout{};
  ~Session() {
    av_frame_free(&frame);
    av_packet_free(&packet);
    swr_free(&swr);
    sws_freeContext(sws);
    avcodec_free_context(&audio);
    avcodec_free_context(&video);
    avformat_close_input(&format);
    av_channel_layout_uninit(&swrLayout);
  }
};

class Decoder {
 public:
  explicit Decoder(Player::Impl& impl) : impl_(impl), desc_(impl.desc) { interrupt_.stopping = &impl.stopping; }
  SessionResult run();

 private:
  SessionResult fail(std::string_view step, int code) {
    if (impl_.stopping) return {SessionEnd::Stopped, {}};
    std::string why = interrupt_.expired() ? fmt::format("no data for {} ms (timed out)", desc_.ioTimeoutMs)
                                           : avErrorText(code);
    return {SessionEnd::Error, fmt::format("{}: {}: {}", desc_.source.locator, step, why)};
  }
  SessionResult failText(std::string text) {
    return {SessionEnd::Error, fmt::format("{}: {}", desc_.source.locator, text)};
  }
  SessionResult open();
  // Sends the packet (null: flush) to the decoder and pushes everything it gives back. False when stopping.
  bool decode(AVCodecContext* ctx, const AVPacket* packet, bool isVideo);
  bool pushVideoFrame(const AVFrame* f);
  bool pushAudioFrame(const AVFrame* f);
  double streamSeconds(const AVFrame* f, const AVStream* st);
  void updateCpu();

  Player::Impl& impl_;
  const PlayerDesc& desc_;
  Interrupt interrupt_;
  Session s_;
  int videoIndex_ = -1, audioIndex_ = -1;
  double origin_ = NAN;  // stream seconds of the first frame: the timeline's 0 for this open
  double frameDuration_ = 1.0 / 30.0;
  double sessionOffset_ = 0.0;
  double lastVideoOut_ = -1e300;
  bool live_ = false;
  double duration_ = 0.0;
  double maxStreamTime_ = -1.0;  // the latest video stream time decoded in this pass over the input
  bool seekable_ = false;
  int outWidth_ = 0, outHeight_ = 0;
  int decodeErrors_ = 0;
  double cpuStart_ = threadCpuSeconds();
};

SessionResult Decoder::open() {
  routeFfmpegLog();
  s_.format = avformat_alloc_context();
  if (!s_.format) return failText("out of memory");
  s_.format->interrupt_callback = {interruptCallback, &interrupt_};
  AVDictionary* options = nullptr;
  // Only the protocols a stream link may use: no file:// from a web playlist, no pipes, no
  // concat/subfile tricks. Only the demuxers of the supported containers.
  av_dict_set(&options, "protocol_whitelist", desc_.source.network ? "http,https,tcp,tls,crypto" : "file,crypto", 0);
  av_dict_set(&options, "format_whitelist", "hls,mov,mp4,matroska,webm,mpegts,aac,mp3,ogg", 0);
  av_dict_set(&options, "user_agent", "CloudExpo/0.1", 0);
  av_dict_set(&options, "rw_timeout", fmt::format("{}", int64_t(desc_.ioTimeoutMs) * 1000).c_str(), 0);
  av_dict_set(&options, "probesize", "4000000", 0);
  av_dict_set(&options, "analyzeduration", "4000000", 0);
  interrupt_.arm(desc_.ioTimeoutMs);
  int r = avformat_open_input(&s_.format, desc_.source.locator.c_str(), nullptr, &options);
  av_dict_free(&options);
  if (r < 0) return fail("open", r);
  interrupt_.arm(desc_.ioTimeoutMs);
  if ((r = avformat_find_stream_info(s_.format, nullptr)) < 0) return fail("reading stream info", r);

  videoIndex_ = av_find_best_stream(s_.format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (videoIndex_ < 0) return failText("no video stream");
  AVStream* vst = s_.format->streams[videoIndex_];
  const AVCodecParameters* vpar = vst->codecpar;
  if (!allowedVideoCodec(vpar->codec_id))
    return failText(fmt::format("unsupported video codec \"{}\" (H.264, HEVC, VP8, VP9 and AV1 are supported)",
                                avcodec_get_name(vpar->codec_id)));
  if (vpar->width <= 0 || vpar->height <= 0) return failText("video has no picture size");
  if (int64_t(vpar->width) * vpar->height > desc_.maxSourcePixels || vpar->width > desc_.maxSourceSide ||
      vpar->height > desc_.maxSourceSide)
    return failText(fmt::format("video is {}x{}, larger than this viewer decodes (at most {:.1f} Mpixel, {} a side)",
                                vpar->width, vpar->height, double(desc_.maxSourcePixels) / 1e6, desc_.maxSourceSide));
  const AVCodec* vcodec = avcodec_find_decoder(vpar->codec_id);
  if (!vcodec) return failText(fmt::format("no decoder for \"{}\"", avcodec_get_name(vpar->codec_id)));
  s_.video = avcodec_alloc_context3(vcodec);
  if (!s_.video || avcodec_parameters_to_context(s_.video, vpar) < 0) return failText("decoder set-up failed");
  s_.video->thread_count = desc_.decoderThreads;
  s_.video->pkt_timebase = vst->time_base;
  if ((r = avcodec_open2(s_.video, vcodec, nullptr)) < 0) return fail("opening the video decoder", r);

  if (desc_.audio) {
    int ai = av_find_best_stream(s_.format, AVMEDIA_TYPE_AUDIO, -1, videoIndex_, nullptr, 0);
    if (ai >= 0) {
      AVStream* ast = s_.format->streams[ai];
      const AVCodec* acodec =
          allowedAudioCodec(ast->codecpar->codec_id) ? avcodec_find_decoder(ast->codecpar->codec_id) : nullptr;
      if (!acodec) {
        spdlog::warn("media: {}: audio codec \"{}\" is not supported; playing without sound",
                     desc_.source.locator, avcodec_get_name(ast->codecpar->codec_id));
      } else {
        s_.audio = avcodec_alloc_context3(acodec);
        if (s_.audio && avcodec_parameters_to_context(s_.audio, ast->codecpar) >= 0) {
          s_.audio->pkt_timebase = ast->time_base;
          s_.audio->thread_count = 1;
          if (avcodec_open2(s_.audio, acodec, nullptr) >= 0) audioIndex_ = ai;
        }
        if (audioIndex_ < 0) avcodec_free_context(&s_.audio);
      }
    }
  }
  for (unsigned i = 0; i < s_.format->nb_streams; ++i)
    if (int(i) != videoIndex_ && int(i) != audioIndex_) s_.format->streams[i]->discard = AVDISCARD_ALL;

  AVRational rate = av_guess_frame_rate(s_.format, vst, nullptr);
  double fps = (rate.num > 0 && rate.den > 0) ? av_q2d(rate) : 30.0;
  if (!(fps > 1.0 && fps < 241.0)) fps = 30.0;
  frameDuration_ = 1.0 / fps;
  double duration = s_.format->duration > 0 ? double(s_.format->duration) / AV_TIME_BASE : 0.0;
  live_ = duration <= 0.0;
  duration_ = duration;
  seekable_ = !live_ && s_.format->pb && (s_.format->pb->seekable & AVIO_SEEKABLE_NORMAL);
  if (!live_ && strcmp(s_.format->iformat->name, "hls") == 0) seekable_ = true;  // a VOD playlist

  int w = vpar->width, h = vpar->height;
  double scale = std::min({1.0, double(desc_.maxWidth) / w, double(desc_.maxHeight) / h});
  outWidth_ = std::max(2, int(std::lround(w * scale / 2.0)) * 2);
  outHeight_ = std::max(2, int(std::lround(h * scale / 2.0)) * 2);
  if (scale >= 1.0) {
    outWidth_ = w;
    outHeight_ = h;
  }
  sessionOffset_ = impl_.timelineEnd;
  {
    std::lock_guard lock(impl_.mutex);
    PlayerStatus& st = impl_.status;
    st.sourceWidth = w;
    st.sourceHeight = h;
    st.width = outWidth_;
    st.height = outHeight_;
    st.frameRate = fps;
    st.hasAudio = audioIndex_ >= 0;
    st.live = live_;
    st.duration = duration;
  }
  return {SessionEnd::EndOfInput, {}};
}

double Decoder::streamSeconds(const AVFrame* f, const AVStream* st) {
  int64_t ts = f->best_effort_timestamp != AV_NOPTS_VALUE ? f->best_effort_timestamp : f->pts;
  if (ts == AV_NOPTS_VALUE) return NAN;
  double t = double(ts) * av_q2d(st->time_base);
  if (std::isnan(origin_)) origin_ = t;
  return t - origin_;
}

bool Decoder::pushVideoFrame(const AVFrame* f) {
  double t = streamSeconds(f, s_.format->streams[videoIndex_]);
  if (!std::isnan(t)) maxStreamTime_ = std::max(maxStreamTime_, t);
  double out = std::isnan(t) ? lastVideoOut_ + frameDuration_ : sessionOffset_ + t;
  // Discontinuities (a live playlist that jumps, timestamps that wrap) keep the timeline smooth.
  if (lastVideoOut_ > -1e299 && (out < lastVideoOut_ + frameDuration_ * 0.25 || out > lastVideoOut_ + 5.0)) {
    double fixed = lastVideoOut_ + frameDuration_;
    sessionOffset_ += fixed - out;
    out = fixed;
  }
  lastVideoOut_ = out;
  impl_.timelineEnd = std::max(impl_.timelineEnd, out + frameDuration_);

  auto vf = std::make_shared<VideoFrame>();
  vf->width = outWidth_;
  vf->height = outHeight_;
  vf->pts = out;
  vf->bt709 = f->colorspace == AVCOL_SPC_BT709;
  int cw = (outWidth_ + 1) / 2, ch = (outHeight_ + 1) / 2;
  vf->stride[0] = outWidth_;
  vf->stride[1] = vf->stride[2] = cw;
  vf->offset[0] = 0;
  vf->offset[1] = size_t(outWidth_) * outHeight_;
  vf->offset[2] = vf->offset[1] + size_t(cw) * ch;
  vf->data.resize(vf->offset[2] + size_t(cw) * ch);
  uint8_t* dst[4] = {vf->data.data() + vf->offset[0], vf->data.data() + vf->offset[1], vf->data.data() + vf->offset[2],
                     nullptr};
  int dstStride[4] = {vf->stride[0], vf->stride[1], vf->stride[2], 0};

  AVPixelFormat format = AVPixelFormat(f->format);
  bool fullRange = f->color_range == AVCOL_RANGE_JPEG;
  switch (format) {  // the deprecated "J" formats are full-range 4:2:0 / 4:2:2 / 4:4:4
    case AV_PIX_FMT_YUVJ420P: format = AV_PIX_FMT_YUV420P; fullRange = true; break;
    case AV_PIX_FMT_YUVJ422P: format = AV_PIX_FMT_YUV422P; fullRange = true; break;
    case AV_PIX_FMT_YUVJ444P: format = AV_PIX_FMT_YUV444P; fullRange = true; break;
    default: break;
  }
  if (format == AV_PIX_FMT_YUV420P && f->width == outWidth_ && f->height == outHeight_) {
    for (int p = 0; p < 3; ++p)
      av_image_copy_plane(dst[p], dstStride[p], f->data[p], f->linesize[p], p ? cw : outWidth_, p ? ch : outHeight_);
    vf->fullRange = fullRange;
  } else {
    // Other layouts (NV12, 4:2:2, 4:4:4, 10-bit) and pictures over the size cap: libswscale to
    // 8-bit 4:2:0, limited range, same matrix.
    s_.sws = sws_getCachedContext(s_.sws, f->width, f->height, format, outWidth_, outHeight_, AV_PIX_FMT_YUV420P,
                                  SWS_BILINEAR, nullptr, nullptr, nullptr);
    if (!s_.sws) return true;  // an odd format: skip the frame, keep the stream
    const int* coeffs = sws_getCoefficients(vf->bt709 ? SWS_CS_ITU709 : SWS_CS_ITU601);
    sws_setColorspaceDetails(s_.sws, coeffs, fullRange ? 1 : 0, coeffs, 0, 0, 1 << 16, 1 << 16);
    sws_scale(s_.sws, f->data, f->linesize, 0, f->height, dst, dstStride);
    vf->fullRange = false;
  }
  bool ok = impl_.pushVideo(std::move(vf));
  if (ok) {
    std::lock_guard lock(impl_.mutex);
    if (impl_.status.state != PlayerState::Playing) {
      impl_.status.state = PlayerState::Playing;
      impl_.status.message.clear();
    }
  }
  return ok;
}

bool Decoder::pushAudioFrame(const AVFrame* f) {
  if (!s_.swr || s_.swrRate != f->sample_rate || s_.swrFormat != f->format ||
      av_channel_layout_compare(&s_.swrLayout, &f->ch_layout) != 0) {
    swr_free(&s_.swr);
    AVChannelLayout mono{};
    av_channel_layout_default(&mono, 1);
    if (swr_alloc_set_opts2(&s_.swr, &mono, AV_SAMPLE_FMT_S16, kAudioRate, const_cast<AVChannelLayout*>(&f->ch_layout),
                            AVSampleFormat(f->format), f->sample_rate, 0, nullptr) < 0 ||
        swr_init(s_.swr) < 0) {
      swr_free(&s_.swr);
      return true;  // unusable audio: keep the picture
    }
    s_.swrRate = f->sample_rate;
    s_.swrFormat = f->format;
    av_channel_layout_uninit(&s_.swrLayout);
    av_channel_layout_copy(&s_.swrLayout, &f->ch_layout);
  }
  int capacity = swr_get_out_samples(s_.swr, f->nb_samples);
  if (capacity <= 0) return true;
  AudioChunk chunk;
  chunk.samples.resize(size_t(capacity));
  uint8_t* out = reinterpret_cast<uint8_t*>(chunk.samples.data());
  int n = swr_convert(s_.swr, &out, capacity, const_cast<const uint8_t**>(f->extended_data), f->nb_samples);
  if (n <= 0) return true;
  chunk.samples.resize(size_t(n));
  double t = streamSeconds(f, s_.format->streams[audioIndex_]);
  if (std::isnan(t)) return true;
  chunk.pts = sessionOffset_ + t;
  return impl_.pushAudio(std::move(chunk));
}

bool Decoder::decode(AVCodecContext* ctx, const AVPacket* packet, bool isVideo) {
  int r = avcodec_send_packet(ctx, packet);
  if (r < 0 && r != AVERROR_EOF) {
    ++decodeErrors_;  // a corrupt packet: skip it; the stream fails after many in a row
    return true;
  }
  while (!impl_.stopping) {
    r = avcodec_receive_frame(ctx, s_.frame);
    if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) break;
    if (r < 0) {
      ++decodeErrors_;
      break;
    }
    decodeErrors_ = 0;
    bool ok = isVideo ? pushVideoFrame(s_.frame) : pushAudioFrame(s_.frame);
    av_frame_unref(s_.frame);
    if (!ok) return false;
  }
  return !impl_.stopping;
}

void Decoder::updateCpu() {
  double cpu = threadCpuSeconds();
  std::lock_guard lock(impl_.mutex);
  impl_.stats.decodeCpuSeconds += cpu - cpuStart_;
  cpuStart_ = cpu;
}

SessionResult Decoder::run() {
  SessionResult opened = open();
  if (opened.end != SessionEnd::EndOfInput) return opened;
  int packets = 0;
  while (!impl_.stopping) {
    interrupt_.arm(desc_.ioTimeoutMs);
    int r = av_read_frame(s_.format, s_.packet);
    if (r == AVERROR_EOF) {
      if (!decode(s_.video, nullptr, true)) return {SessionEnd::Stopped, {}};
      if (s_.audio && !decode(s_.audio, nullptr, false)) return {SessionEnd::Stopped, {}};
      updateCpu();
      // A file that ends well before its stated duration was cut off: an error, not a loop.
      if (!live_ && duration_ > 0.0 && maxStreamTime_ + 1.0 < duration_)
        return failText(fmt::format("the data ends at {:.1f} s of {:.1f} s (truncated or corrupt)",
                                    std::max(maxStreamTime_, 0.0), duration_));
      if (!desc_.loop || !seekable_) return {SessionEnd::EndOfInput, {}};
      if (lastVideoOut_ < -1e299) return failText("no pictures in the stream");
      // Loop: back to the start; the timeline goes on where the last frame ended.
      interrupt_.arm(desc_.ioTimeoutMs);
      if ((r = avformat_seek_file(s_.format, -1, INT64_MIN, s_.format->start_time != AV_NOPTS_VALUE ? s_.format->start_time : 0,
                                  INT64_MAX, 0)) < 0)
        return fail("seeking to the start to loop", r);
      avcodec_flush_buffers(s_.video);
      if (s_.audio) avcodec_flush_buffers(s_.audio);
      sessionOffset_ = impl_.timelineEnd;
      lastVideoOut_ = -1e300;
      maxStreamTime_ = -1.0;
      {
        std::lock_guard lock(impl_.mutex);
        ++impl_.stats.loops;
      }
      continue;
    }
    if (r < 0) return fail("reading", r);
    {
      std::lock_guard lock(impl_.mutex);
      impl_.stats.bytesRead += uint64_t(std::max(s_.packet->size, 0));
    }
    bool ok = true;
    if (s_.packet->stream_index == videoIndex_) ok = decode(s_.video, s_.packet, true);
    else if (s_.packet->stream_index == audioIndex_) ok = decode(s_.audio, s_.packet, false);
    av_packet_unref(s_.packet);
    if (!ok) return {SessionEnd::Stopped, {}};
    if (decodeErrors_ > 100) return failText("the stream does not decode (corrupt data)");
    if (++packets % 16 == 0) updateCpu();
  }
  updateCpu();
  return {SessionEnd::Stopped, {}};
}

}  // namespace

SessionResult runDecodeSession(Player::Impl& impl) {
  Decoder decoder(impl);
  return decoder.run();
}

}  // namespace cx::media
