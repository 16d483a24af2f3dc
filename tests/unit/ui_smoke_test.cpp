// Headless ImGui: a context, a built font atlas, NewFrame / drawUi / Render. No GPU, no window.
#include <gtest/gtest.h>
#include <imgui.h>

#include "cx/ui/floor_plan.h"
#include "cx/ui/ui.h"
#include "ui_test_expo.h"

using namespace cx::ui;

namespace {

// GLFW key codes, as the 1.86 GLFW backend stores them in io.KeysDown.
constexpr int kEnter = 257, kEscape = 256, kDown = 264, kUp = 265, kF2 = 291, kF4 = 293;

class UiSmoke : public ::testing::Test {
 protected:
  void SetUp() override {
    IMGUI_CHECKVERSION();
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 720);
    io.DeltaTime = 1.0f / 60.0f;
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_Escape] = kEscape;
    io.KeyMap[ImGuiKey_DownArrow] = kDown;
    io.KeyMap[ImGuiKey_UpArrow] = kUp;
    io.Fonts->AddFontDefault();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    expo_ = cx::uitest::makeUiTestExpo();
    scene_ = cx::expo::buildScene(expo_);
    input_.expo = &expo_;
    input_.scene = &scene_;
    input_.nowUnix = cx::uitest::kDay0 + 10 * 3600;
    input_.fps = 60;
    input_.frameMs = 16.6f;
    input_.cameraPosition = {20, 1.6f, 25};
  }
  void TearDown() override { ImGui::DestroyContext(ctx_); }

  // One frame; `keys` are held down for this frame only.
  UiActions frame(std::initializer_list<int> keys = {}) {
    ImGuiIO& io = ImGui::GetIO();
    for (bool& k : io.KeysDown) k = false;
    for (int k : keys) io.KeysDown[k] = true;
    ImGui::NewFrame();
    UiFrameInput in = input_;
    in.keys = keysFromImGui();
    UiActions a = drawUi(state_, in);
    ImGui::Render();
    return a;
  }

  ImGuiContext* ctx_ = nullptr;
  cx::expo::Expo expo_;
  cx::expo::ExpoScene scene_;
  UiFrameInput input_;
  UiState state_;
};

}  // namespace

TEST(UiPanels, NamesRoundTrip) {
  for (size_t i = 0; i < kPanelCount; ++i) {
    const auto p = static_cast<Panel>(i);
    EXPECT_EQ(panelFromName(panelName(p)), p);
  }
  EXPECT_EQ(panelFromName("Directory"), Panel::Directory);
  EXPECT_EQ(panelFromName("floorplan"), Panel::FloorPlan);
  EXPECT_EQ(panelFromName("map"), Panel::FloorPlan);
  EXPECT_EQ(panelFromName("nope"), std::nullopt);
}

TEST_F(UiSmoke, EveryPanelDrawsWithABoothSelected) {
  for (size_t i = 0; i < kPanelCount; ++i) openPanel(state_, static_cast<Panel>(i));
  selectBooth(state_, 0);
  setDirectoryQuery(state_, "cars");
  for (int i = 0; i < 4; ++i) {
    const UiActions a = frame();
    EXPECT_FALSE(a.goToBooth.has_value());
    EXPECT_FALSE(a.openUrl.has_value());
  }
  const ImDrawData* draw = ImGui::GetDrawData();
  ASSERT_NE(draw, nullptr);
  EXPECT_GT(draw->CmdListsCount, 3);
  EXPECT_GT(draw->TotalVtxCount, 1000);
  EXPECT_EQ(state_.directory.results.size(), 2u);
  EXPECT_EQ(state_.selectedBooth, 0u);
  EXPECT_TRUE(isPanelOpen(state_, Panel::Booth));
}

TEST_F(UiSmoke, NoExpoLoadedStillDraws) {
  input_.expo = nullptr;
  input_.scene = nullptr;
  for (size_t i = 0; i < kPanelCount; ++i) openPanel(state_, static_cast<Panel>(i));
  for (int i = 0; i < 2; ++i) frame();
  SUCCEED();
}

TEST_F(UiSmoke, DirectorySearchThenEnterGoesToBooth) {
  openPanel(state_, Panel::Directory);
  setDirectoryQuery(state_, "トヨタ");
  frame();
  frame();
  ASSERT_EQ(state_.directory.results.size(), 1u);
  EXPECT_EQ(expo_.exhibitors[state_.directory.results[0]].id, "E5");
  const UiActions a = frame({kEnter});
  ASSERT_TRUE(a.goToBooth.has_value());
  EXPECT_EQ(*a.goToBooth, 4u);  // B005
  EXPECT_EQ(state_.selectedBooth, 4u);
  EXPECT_TRUE(isPanelOpen(state_, Panel::Booth));
}

TEST_F(UiSmoke, DirectoryArrowKeysMoveTheCursor) {
  openPanel(state_, Panel::Directory);
  frame();
  frame();
  ASSERT_EQ(state_.directory.results.size(), expo_.exhibitors.size());
  // Each press is a key going down; a key held over two frames is one press (until it repeats).
  for (int k : {kDown, kDown, kDown, kUp}) {
    frame({k});
    frame();
  }
  EXPECT_EQ(state_.directory.cursor, 2);
  const UiActions a = frame({kEnter});
  ASSERT_TRUE(a.goToBooth.has_value());
  EXPECT_EQ(expo_.booths[*a.goToBooth].id, "B003");
}

TEST_F(UiSmoke, FunctionKeysOpenPanelsAndEscapeClosesTheLatest) {
  frame({kF2});
  EXPECT_TRUE(isPanelOpen(state_, Panel::Directory));
  frame();
  frame({kF4});
  EXPECT_TRUE(isPanelOpen(state_, Panel::FloorPlan));
  frame();
  UiActions a = frame({kEscape});
  EXPECT_TRUE(a.escapeConsumed);
  EXPECT_FALSE(isPanelOpen(state_, Panel::FloorPlan));
  EXPECT_TRUE(isPanelOpen(state_, Panel::Directory));
  frame();
  a = frame({kEscape});
  EXPECT_FALSE(isPanelOpen(state_, Panel::Directory));
  frame();
  a = frame({kEscape});
  EXPECT_FALSE(a.escapeConsumed);  // nothing left: the viewer may use Esc itself
}

TEST_F(UiSmoke, LinksOpenOnlyAfterConfirmation) {
  requestOpenLink(state_, "https://example.com/E1", "Website of Samsung Battery");
  UiActions a = frame({kEnter});  // the modal appears; a held Enter does not confirm
  EXPECT_FALSE(a.openUrl.has_value());
  EXPECT_TRUE(state_.pendingLink.has_value());
  frame();
  a = frame({kEnter});
  ASSERT_TRUE(a.openUrl.has_value());
  EXPECT_EQ(*a.openUrl, "https://example.com/E1");
  EXPECT_FALSE(state_.pendingLink.has_value());
  frame();

  requestOpenLink(state_, "javascript:alert(1)", "Bad");
  frame();
  a = frame({kEnter});
  EXPECT_FALSE(a.openUrl.has_value());
  EXPECT_TRUE(state_.pendingLink.has_value());
  a = frame({kEscape});
  EXPECT_TRUE(a.escapeConsumed);
  EXPECT_FALSE(state_.pendingLink.has_value());
  a = frame();
  EXPECT_FALSE(a.openUrl.has_value());
}

TEST_F(UiSmoke, FloorPlanClickGoesToTheBoothUnderTheMouse) {
  openPanel(state_, Panel::FloorPlan);
  frame();
  frame();
  const FloorPlanState& fp = state_.floorPlan;
  ASSERT_GT(fp.pixelsPerMetre, 0.0f);
  const MapView view{fp.center, fp.pixelsPerMetre, fp.canvasMin, fp.canvasSize};
  const glm::vec2 at = worldToMap(view, expo_.booths[3].position);  // B004
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(at.x, at.y);
  frame();
  EXPECT_EQ(fp.hoveredBooth, 3u);
  io.MouseDown[0] = true;
  frame();
  io.MouseDown[0] = false;
  const UiActions a = frame();
  ASSERT_TRUE(a.goToBooth.has_value());
  EXPECT_EQ(*a.goToBooth, 3u);

  // On the floor of a pavilion but not on a booth: go to that point.
  const glm::vec2 floor = worldToMap(view, {5, 25});
  io.MousePos = ImVec2(floor.x, floor.y);
  frame();
  io.MouseDown[0] = true;
  frame();
  io.MouseDown[0] = false;
  const UiActions b = frame();
  ASSERT_TRUE(b.goToPoint.has_value());
  EXPECT_NEAR(b.goToPoint->x, 5.0f, 0.5f);
  EXPECT_NEAR(b.goToPoint->y, 25.0f, 0.5f);
}

TEST_F(UiSmoke, SettingsAndScheduleDrawWithoutActionsUntilUsed) {
  openPanel(state_, Panel::Settings);
  openPanel(state_, Panel::Schedule);
  for (int i = 0; i < 3; ++i) {
    const UiActions a = frame();
    EXPECT_FALSE(a.settingsChanged);
    EXPECT_FALSE(a.quit);
  }
}
