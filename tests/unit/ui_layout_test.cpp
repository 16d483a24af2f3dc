// Panel placement (UiLayout): the compact layout keeps every panel inside a small display such as
// the 1024 x 768 VR panel texture; the desktop layout places panels as before. Headless ImGui.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <string>
#include <vector>

#include "cx/ui/ui.h"
#include "ui_test_expo.h"

using namespace cx::ui;

namespace {

constexpr const char* kBoothWindow = "Booth###cx-booth";

struct WindowRect {
  std::string name;
  ImVec2 min, max;
};

class UiLayoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DeltaTime = 1.0f / 60.0f;
    ImFontConfig font;
    font.SizePixels = 16.0f;  // the XR panel's text size
    io.Fonts->AddFontDefault(&font);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    expo_ = cx::uitest::makeUiTestExpo();
    scene_ = cx::expo::buildScene(expo_);
    input_.expo = &expo_;
    input_.scene = &scene_;
    input_.nowUnix = cx::uitest::kDay0 + 10 * 3600;
    input_.fps = 72;
    input_.frameMs = 13.9f;
    input_.modeName = "xr";
    input_.hudExtra = "120 draw calls, 250000 triangles, CPU 2.10 ms\n1001 instances drawn, 0 culled";
  }
  void TearDown() override { ImGui::DestroyContext(ctx_); }

  void frames(ImVec2 display, int count) {
    ImGui::GetIO().DisplaySize = display;
    for (int i = 0; i < count; ++i) {
      ImGui::NewFrame();
      drawUi(state_, input_);
      ImGui::Render();
    }
  }

  void openEverythingWithABoothSelected() {
    for (size_t i = 0; i < kPanelCount; ++i) openPanel(state_, static_cast<Panel>(i));
    selectBooth(state_, 0);  // Samsung Battery: description, products, contact, two links
  }

  // The top-level windows drawn in the last frame (child windows are clipped by their parents).
  static std::vector<WindowRect> visibleWindows() {
    std::vector<WindowRect> out;
    for (ImGuiWindow* w : GImGui->Windows) {
      if (!w->Active || w->Hidden || (w->Flags & ImGuiWindowFlags_ChildWindow)) continue;
      out.push_back({w->Name, w->Pos, ImVec2(w->Pos.x + w->Size.x, w->Pos.y + w->Size.y)});
    }
    return out;
  }

  static void expectAllInside(ImVec2 display) {
    const std::vector<WindowRect> windows = visibleWindows();
    for (const WindowRect& r : windows) {
      EXPECT_GE(r.min.x, 0.0f) << r.name;
      EXPECT_GE(r.min.y, 0.0f) << r.name;
      EXPECT_LE(r.max.x, display.x) << r.name << " ends at x " << r.max.x;
      EXPECT_LE(r.max.y, display.y) << r.name << " ends at y " << r.max.y;
    }
  }

  static const ImGuiWindow* boothWindow() {
    const ImGuiWindow* w = ImGui::FindWindowByName(kBoothWindow);
    return w && w->Active ? w : nullptr;
  }

  ImGuiContext* ctx_ = nullptr;
  cx::expo::Expo expo_;
  cx::expo::ExpoScene scene_;
  UiFrameInput input_;
  UiState state_;
};

}  // namespace

TEST_F(UiLayoutTest, CompactKeepsEveryPanelInsideTheVrPanelTexture) {
  const ImVec2 display(1024, 768);
  state_.layout = UiLayout::Compact;
  openEverythingWithABoothSelected();
  frames(display, 3);
  const std::vector<WindowRect> windows = visibleWindows();
  // Menu bar, HUD, booth, directory, floor plan, schedule, settings, help.
  EXPECT_GE(windows.size(), 8u);
  ASSERT_NE(boothWindow(), nullptr);
  expectAllInside(display);
  // The booth panel keeps a useful size: more than a third of the width, most of the height.
  EXPECT_GT(boothWindow()->Size.x, display.x / 3);
  EXPECT_GT(boothWindow()->Size.y, display.y / 2);
}

TEST_F(UiLayoutTest, CompactFitsSmallerDisplaysToo) {
  for (ImVec2 display : {ImVec2(640, 480), ImVec2(480, 800), ImVec2(1024, 400)}) {
    TearDown();
    SetUp();
    state_ = UiState{};
    state_.layout = UiLayout::Compact;
    openEverythingWithABoothSelected();
    frames(display, 3);
    SCOPED_TRACE(std::to_string(int(display.x)) + "x" + std::to_string(int(display.y)));
    ASSERT_NE(boothWindow(), nullptr);
    expectAllInside(display);
  }
}

TEST_F(UiLayoutTest, CompactPullsAPanelMovedOrResizedPastTheEdgeBackInside) {
  const ImVec2 display(1024, 768);
  state_.layout = UiLayout::Compact;
  selectBooth(state_, 0);
  frames(display, 2);
  ASSERT_NE(boothWindow(), nullptr);
  ImGui::SetWindowPos(kBoothWindow, ImVec2(900.0f, 700.0f));  // as if dragged into the corner
  frames(display, 1);
  expectAllInside(display);
  ImGui::SetWindowPos(kBoothWindow, ImVec2(-300.0f, -50.0f));
  ImGui::SetWindowSize(kBoothWindow, ImVec2(2000.0f, 1500.0f));  // and made huge
  frames(display, 1);
  expectAllInside(display);
  frames(display, 1);
  expectAllInside(display);
  EXPECT_GT(boothWindow()->Size.x, display.x * 0.9f);  // as large as there is room for
  // Closed and reopened: still inside.
  closePanel(state_, Panel::Booth);
  frames(display, 1);
  EXPECT_EQ(boothWindow(), nullptr);
  selectBooth(state_, 3);
  frames(display, 2);
  ASSERT_NE(boothWindow(), nullptr);
  expectAllInside(display);
}

TEST_F(UiLayoutTest, DesktopPlacementIsUnchanged) {
  // A fraction of the display for the position, a fixed pixel size, as before the compact layout.
  openEverythingWithABoothSelected();
  frames(ImVec2(1280, 720), 3);
  const ImGuiWindow* booth = boothWindow();
  ASSERT_NE(booth, nullptr);
  EXPECT_FLOAT_EQ(booth->Pos.x, std::floor(1280 * 0.62f));
  EXPECT_FLOAT_EQ(booth->Pos.y, std::floor(720 * 0.08f));
  EXPECT_FLOAT_EQ(booth->Size.x, 440.0f);
  EXPECT_FLOAT_EQ(booth->Size.y, 460.0f);
  const ImGuiWindow* directory = ImGui::FindWindowByName("Directory (F2)###cx-directory");
  ASSERT_NE(directory, nullptr);
  EXPECT_FLOAT_EQ(directory->Pos.x, std::floor(1280 * 0.02f));
  EXPECT_FLOAT_EQ(directory->Size.x, 480.0f);
  EXPECT_FLOAT_EQ(directory->Size.y, 560.0f);
}

TEST_F(UiLayoutTest, DesktopLayoutCutsTheBoothPanelAt1024x768) {
  // Why the XR panel uses the compact layout: the desktop one reaches past a 1024 px wide display.
  selectBooth(state_, 0);
  frames(ImVec2(1024, 768), 3);
  const ImGuiWindow* booth = boothWindow();
  ASSERT_NE(booth, nullptr);
  EXPECT_GT(booth->Pos.x + booth->Size.x, 1024.0f);
}
