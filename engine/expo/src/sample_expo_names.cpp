// Exhibitor names of the sample expo, composed from word lists in each country's own script with
// an English rendering: region + trade name + industry + legal form, in the order and style of the
// language (长春华信科技有限公司, 한빛전자 주식회사, さくら精機株式会社, ООО «Байкал-Агро», Хангай Ноос ХХК).
// All names are invented; any likeness to a real company is a coincidence.
#include <span>

#include <fmt/format.h>

#include "sample_expo_internal.h"

namespace cx::expo::sample {

namespace {

enum class Ind : uint8_t {
  Tech,
  Electronics,
  Auto,
  AutoParts,
  Agri,
  Food,
  Beverage,
  Pharma,
  Energy,
  Logistics,
  Media,
  Cosmetics,
  Textile,
  Machinery,
  Trade,
  Crafts,
  Materials,
  Tourism,
  Count
};

struct Word {
  const char* native;
  const char* english;
};
struct IndWord {
  Ind ind;
  const char* native;
  const char* english;
};

// ---- Chinese ----
constexpr Word kJilinCities[] = {{"长春", "Changchun"}, {"吉林", "Jilin"},      {"四平", "Siping"},
                                 {"辽源", "Liaoyuan"},  {"通化", "Tonghua"},    {"白山", "Baishan"},
                                 {"松原", "Songyuan"},  {"白城", "Baicheng"},   {"延边", "Yanbian"},
                                 {"珲春", "Hunchun"},   {"梅河口", "Meihekou"}, {"公主岭", "Gongzhuling"},
                                 {"集安", "Ji'an"},     {"敦化", "Dunhua"}};
constexpr Word kChinaCities[] = {
    {"北京", "Beijing"},    {"上海", "Shanghai"}, {"天津", "Tianjin"},  {"重庆", "Chongqing"},
    {"广州", "Guangzhou"},  {"深圳", "Shenzhen"}, {"杭州", "Hangzhou"}, {"南京", "Nanjing"},
    {"苏州", "Suzhou"},     {"成都", "Chengdu"},  {"武汉", "Wuhan"},    {"西安", "Xi'an"},
    {"太原", "Taiyuan"},    {"沈阳", "Shenyang"}, {"大连", "Dalian"},   {"哈尔滨", "Harbin"},
    {"呼和浩特", "Hohhot"}, {"青岛", "Qingdao"},  {"厦门", "Xiamen"},   {"长沙", "Changsha"},
    {"郑州", "Zhengzhou"},  {"昆明", "Kunming"},  {"福州", "Fuzhou"},   {"南宁", "Nanning"},
    {"大同", "Datong"}};
constexpr Word kChineseCores[] = {
    {"华信", "Huaxin"},    {"长白", "Changbai"}, {"东方", "Dongfang"},  {"天成", "Tiancheng"},
    {"恒达", "Hengda"},    {"博远", "Boyuan"},   {"瑞丰", "Ruifeng"},   {"金桥", "Jinqiao"},
    {"鼎盛", "Dingsheng"}, {"远航", "Yuanhang"}, {"启明", "Qiming"},    {"宏图", "Hongtu"},
    {"聚源", "Juyuan"},    {"北辰", "Beichen"},  {"泰和", "Taihe"},     {"嘉禾", "Jiahe"},
    {"中科", "Zhongke"},   {"云杉", "Yunshan"},  {"松江", "Songjiang"}, {"新锐", "Xinrui"}};
constexpr IndWord kChineseInd[] = {{Ind::Tech, "科技", "Technology"},
                                   {Ind::Tech, "信息技术", "Information Technology"},
                                   {Ind::Tech, "光电", "Optoelectronics"},
                                   {Ind::Electronics, "电子", "Electronics"},
                                   {Ind::Auto, "汽车", "Automotive"},
                                   {Ind::AutoParts, "汽车零部件", "Auto Parts"},
                                   {Ind::Agri, "农业", "Agriculture"},
                                   {Ind::Agri, "人参", "Ginseng"},
                                   {Ind::Food, "食品", "Food"},
                                   {Ind::Beverage, "酒业", "Wine & Spirits"},
                                   {Ind::Pharma, "药业", "Pharmaceutical"},
                                   {Ind::Pharma, "生物", "Biotech"},
                                   {Ind::Energy, "新能源", "New Energy"},
                                   {Ind::Logistics, "物流", "Logistics"},
                                   {Ind::Media, "文化传媒", "Culture & Media"},
                                   {Ind::Media, "直播电商", "Livestream E-commerce"},
                                   {Ind::Cosmetics, "化妆品", "Cosmetics"},
                                   {Ind::Textile, "纺织", "Textile"},
                                   {Ind::Machinery, "智能装备", "Intelligent Equipment"},
                                   {Ind::Machinery, "机械", "Machinery"},
                                   {Ind::Trade, "贸易", "Trading"},
                                   {Ind::Crafts, "工艺品", "Handicrafts"},
                                   {Ind::Materials, "新材料", "New Materials"},
                                   {Ind::Tourism, "旅游", "Tourism"}};
constexpr Word kChineseForms[] = {
    {"有限公司", "Co., Ltd."}, {"股份有限公司", "Corp., Ltd."}, {"集团有限公司", "Group Co., Ltd."}};
constexpr Word kChinesePeople[] = {{"王伟", ""}, {"李娜", ""}, {"张敏", ""}, {"刘洋", ""}, {"陈静", ""},
                                   {"杨帆", ""}, {"赵磊", ""}, {"黄丽", ""}, {"周杰", ""}, {"吴婷", ""}};

// ---- Korean (ROK) ----
constexpr Word kKoreanCores[] = {
    {"한빛", "Hanbit"},   {"미래", "Mirae"},  {"대한", "Daehan"}, {"세종", "Sejong"},
    {"누리", "Nuri"},     {"하나", "Hana"},   {"새론", "Saeron"}, {"동해", "Donghae"},
    {"푸른", "Pureun"},   {"가온", "Gaon"},   {"다온", "Daon"},   {"한결", "Hangyeol"},
    {"별빛", "Byeolbit"}, {"소망", "Somang"}, {"부산", "Busan"},  {"인천", "Incheon"}};
constexpr IndWord kKoreanInd[] = {
    {Ind::Tech, "테크", "Tech"},           {Ind::Electronics, "전자", "Electronics"},
    {Ind::Auto, "모터스", "Motors"},       {Ind::AutoParts, "오토파츠", "Auto Parts"},
    {Ind::Agri, "농산", "Agro"},           {Ind::Food, "식품", "Foods"},
    {Ind::Beverage, "음료", "Beverage"},   {Ind::Pharma, "바이오", "Bio"},
    {Ind::Energy, "에너지", "Energy"},     {Ind::Logistics, "물류", "Logistics"},
    {Ind::Media, "미디어", "Media"},       {Ind::Cosmetics, "화장품", "Cosmetics"},
    {Ind::Cosmetics, "뷰티", "Beauty"},    {Ind::Textile, "섬유", "Textile"},
    {Ind::Machinery, "기계", "Machinery"}, {Ind::Trade, "상사", "Trading"},
    {Ind::Crafts, "공예", "Crafts"},       {Ind::Materials, "소재", "Materials"},
    {Ind::Tourism, "관광", "Tourism"}};
constexpr Word kKoreanPeople[] = {{"김민준", ""}, {"이서연", ""}, {"박지훈", ""}, {"최수빈", ""},
                                  {"정우진", ""}, {"강하은", ""}, {"조현우", ""}, {"윤지아", ""}};

// ---- Korean (DPRK) ----
constexpr Word kDprkCores[] = {{"대동강", "Taedonggang"}, {"금강", "Kumgang"},  {"묘향", "Myohyang"},
                               {"백두", "Paektu"},        {"칠보", "Chilbo"},   {"모란", "Moran"},
                               {"은하", "Unha"},          {"려명", "Ryomyong"}, {"락원", "Rakwon"}};
constexpr IndWord kDprkInd[] = {
    {Ind::Trade, "무역", "Trading"},      {Ind::Food, "식료", "Foodstuffs"},
    {Ind::Agri, "인삼", "Ginseng"},       {Ind::Crafts, "공예", "Arts and Crafts"},
    {Ind::Textile, "피복", "Garment"},    {Ind::Pharma, "고려약", "Koryo Medicine"},
    {Ind::Materials, "광물", "Minerals"}, {Ind::Food, "수산", "Marine Products"},
    {Ind::Beverage, "음료", "Beverages"}, {Ind::Tourism, "관광", "Tourism"}};
constexpr Word kDprkPeople[] = {{"김철", ""}, {"리영남", ""}, {"박성철", ""}, {"최은희", ""}};

// ---- Japanese ----
constexpr Word kJapaneseCores[] = {
    {"さくら", "Sakura"}, {"ひかり", "Hikari"},   {"みらい", "Mirai"}, {"あおば", "Aoba"},
    {"はるか", "Haruka"}, {"日本海", "Nihonkai"}, {"北星", "Hokusei"}, {"大和", "Yamato"},
    {"朝日", "Asahi"},    {"富士", "Fuji"},       {"東邦", "Toho"},    {"扶桑", "Fuso"},
    {"新潟", "Niigata"},  {"北陸", "Hokuriku"},   {"丸和", "Maruwa"},  {"山田", "Yamada"}};
constexpr IndWord kJapaneseInd[] = {{Ind::Tech, "テクノロジー", "Technology"},
                                    {Ind::Tech, "システムズ", "Systems"},
                                    {Ind::Electronics, "電子", "Electronics"},
                                    {Ind::Electronics, "エレクトロニクス", "Electronics"},
                                    {Ind::Auto, "自動車", "Motor"},
                                    {Ind::AutoParts, "部品工業", "Auto Parts"},
                                    {Ind::Agri, "農産", "Agri"},
                                    {Ind::Food, "食品", "Foods"},
                                    {Ind::Beverage, "酒造", "Brewery"},
                                    {Ind::Pharma, "製薬", "Pharmaceutical"},
                                    {Ind::Energy, "エナジー", "Energy"},
                                    {Ind::Logistics, "ロジスティクス", "Logistics"},
                                    {Ind::Media, "メディア", "Media"},
                                    {Ind::Cosmetics, "化粧品", "Cosmetics"},
                                    {Ind::Textile, "繊維", "Textile"},
                                    {Ind::Machinery, "精機", "Precision"},
                                    {Ind::Machinery, "ロボティクス", "Robotics"},
                                    {Ind::Trade, "商事", "Trading"},
                                    {Ind::Crafts, "工芸", "Crafts"},
                                    {Ind::Materials, "化学", "Chemical"},
                                    {Ind::Tourism, "ツーリズム", "Tourism"}};
constexpr Word kJapanesePeople[] = {{"佐藤健", ""},   {"鈴木花子", ""}, {"高橋誠", ""},
                                    {"田中美咲", ""}, {"伊藤翔", ""},   {"渡辺由美", ""}};

// ---- Russian ----
constexpr Word kRussianRoots[] = {{"Сибирь", "Sibir"},     {"Амур", "Amur"},     {"Байкал", "Baikal"},
                                  {"Урал", "Ural"},        {"Восток", "Vostok"}, {"Приморье", "Primorye"},
                                  {"Север", "Sever"},      {"Алтай", "Altai"},   {"Енисей", "Yenisei"},
                                  {"Сахалин", "Sakhalin"}, {"Кедр", "Kedr"},     {"Тайга", "Taiga"},
                                  {"Волга", "Volga"},      {"Томь", "Tom"}};
constexpr IndWord kRussianInd[] = {{Ind::Tech, "Тех", "Tech"},
                                   {Ind::Electronics, "Электроника", "Elektronika"},
                                   {Ind::Auto, "Авто", "Avto"},
                                   {Ind::AutoParts, "Автодеталь", "Avtodetal"},
                                   {Ind::Agri, "Агро", "Agro"},
                                   {Ind::Food, "Продукт", "Produkt"},
                                   {Ind::Food, "Рыба", "Ryba"},
                                   {Ind::Beverage, "Напитки", "Napitki"},
                                   {Ind::Pharma, "Фарм", "Farm"},
                                   {Ind::Energy, "Энерго", "Energo"},
                                   {Ind::Logistics, "Логистик", "Logistik"},
                                   {Ind::Media, "Медиа", "Media"},
                                   {Ind::Cosmetics, "Косметик", "Kosmetik"},
                                   {Ind::Textile, "Текстиль", "Tekstil"},
                                   {Ind::Machinery, "Маш", "Mash"},
                                   {Ind::Trade, "Трейд", "Treid"},
                                   {Ind::Crafts, "Ремесло", "Remeslo"},
                                   {Ind::Materials, "Металл", "Metall"},
                                   {Ind::Materials, "Лес", "Les"},
                                   {Ind::Tourism, "Тур", "Tur"}};
constexpr Word kRussianForms[] = {{"ООО", "LLC"}, {"АО", "JSC"}, {"ПАО", "PJSC"}};
constexpr Word kRussianPeople[] = {{"Иван Петров", ""},   {"Анна Смирнова", ""},  {"Дмитрий Волков", ""},
                                   {"Ольга Козлова", ""}, {"Сергей Морозов", ""}, {"Елена Новикова", ""}};

// ---- Mongolian (Cyrillic) ----
constexpr Word kMongolianRoots[] = {{"Монгол", "Mongol"},   {"Хангай", "Khangai"},   {"Говь", "Gobi"},
                                    {"Тэнгэр", "Tenger"},   {"Алтай", "Altai"},      {"Хэрлэн", "Kherlen"},
                                    {"Сэлэнгэ", "Selenge"}, {"Орхон", "Orkhon"},     {"Эрдэнэ", "Erdene"},
                                    {"Номин", "Nomin"},     {"Хөвсгөл", "Khuvsgul"}, {"Туул", "Tuul"}};
constexpr IndWord kMongolianInd[] = {{Ind::Trade, "Трейд", "Trade"},
                                     {Ind::Textile, "Ноос", "Wool"},
                                     {Ind::Textile, "Кашемир", "Cashmere"},
                                     {Ind::Food, "Мах", "Meat"},
                                     {Ind::Food, "Хүнс", "Foods"},
                                     {Ind::Beverage, "Сүү", "Dairy"},
                                     {Ind::Materials, "Уул уурхай", "Mining"},
                                     {Ind::Energy, "Эрчим хүч", "Energy"},
                                     {Ind::Tourism, "Аялал", "Travel"},
                                     {Ind::Crafts, "Гар урлал", "Handicrafts"},
                                     {Ind::Agri, "Мал аж ахуй", "Livestock"},
                                     {Ind::Tech, "Технологи", "Technology"},
                                     {Ind::Logistics, "Тээвэр", "Transport"},
                                     {Ind::Cosmetics, "Гоо сайхан", "Beauty"},
                                     {Ind::Media, "Медиа", "Media"},
                                     {Ind::Machinery, "Машин механизм", "Machinery"},
                                     {Ind::Electronics, "Электроник", "Electronics"},
                                     {Ind::AutoParts, "Авто сэлбэг", "Auto Parts"},
                                     {Ind::Auto, "Авто", "Auto"},
                                     {Ind::Pharma, "Эм", "Pharma"}};
constexpr Word kMongolianForms[] = {{"ХХК", "LLC"}, {"ХК", "JSC"}};
constexpr Word kMongolianPeople[] = {
    {"Бат-Эрдэнэ", ""}, {"Оюунчимэг", ""}, {"Ганбаатар", ""}, {"Сарангэрэл", ""}};

// ---- Latin-script countries: root + industry + form ----
constexpr Word kItalianRoots[] = {{"Rossi", "Rossi"},     {"Bianchi", "Bianchi"}, {"Romano", "Romano"},
                                  {"Colombo", "Colombo"}, {"Ricci", "Ricci"},     {"Marino", "Marino"},
                                  {"Greco", "Greco"},     {"Bruno", "Bruno"},     {"Gallo", "Gallo"},
                                  {"Conti", "Conti"},     {"Fontana", "Fontana"}, {"Moretti", "Moretti"}};
constexpr IndWord kItalianInd[] = {{Ind::Beverage, "Vini", "Wines"},
                                   {Ind::Beverage, "Caffè", "Coffee"},
                                   {Ind::Food, "Formaggi", "Cheese"},
                                   {Ind::Food, "Olio", "Olive Oil"},
                                   {Ind::Food, "Pasta", "Pasta"},
                                   {Ind::Textile, "Moda", "Fashion"},
                                   {Ind::Crafts, "Pelletteria", "Leather Goods"},
                                   {Ind::Crafts, "Design", "Design"},
                                   {Ind::Machinery, "Meccanica", "Engineering"},
                                   {Ind::Auto, "Automobili", "Automobiles"},
                                   {Ind::AutoParts, "Ricambi", "Auto Parts"},
                                   {Ind::Cosmetics, "Cosmetici", "Cosmetics"},
                                   {Ind::Trade, "Commercio", "Trading"},
                                   {Ind::Tech, "Tecnologie", "Technologies"},
                                   {Ind::Electronics, "Elettronica", "Electronics"},
                                   {Ind::Materials, "Materiali", "Materials"},
                                   {Ind::Agri, "Agricola", "Agriculture"},
                                   {Ind::Media, "Media", "Media"},
                                   {Ind::Pharma, "Farmaceutici", "Pharmaceuticals"},
                                   {Ind::Energy, "Energia", "Energy"},
                                   {Ind::Logistics, "Logistica", "Logistics"},
                                   {Ind::Tourism, "Viaggi", "Travel"}};
constexpr Word kItalianForms[] = {{"S.r.l.", "S.r.l."}, {"S.p.A.", "S.p.A."}};
constexpr Word kItalianPeople[] = {{"Marco Rossi", ""}, {"Giulia Bianchi", ""}, {"Luca Ferrari", ""}};

constexpr Word kFinnishRoots[] = {{"Lapin", "Lapland"},  {"Oulun", "Oulu"},         {"Tampereen", "Tampere"},
                                  {"Turun", "Turku"},    {"Helsingin", "Helsinki"}, {"Kuopion", "Kuopio"},
                                  {"Saimaan", "Saimaa"}, {"Pohjolan", "Pohjola"},   {"Karjalan", "Karelia"},
                                  {"Vaasan", "Vaasa"}};
constexpr IndWord kFinnishInd[] = {{Ind::Materials, "Puu", "Wood"},
                                   {Ind::Food, "Marja", "Berries"},
                                   {Ind::Tech, "Teknologia", "Technology"},
                                   {Ind::Crafts, "Design", "Design"},
                                   {Ind::Beverage, "Vesi", "Water"},
                                   {Ind::Agri, "Metsä", "Forestry"},
                                   {Ind::Food, "Kala", "Fish"},
                                   {Ind::Media, "Pelit", "Games"},
                                   {Ind::Electronics, "Elektroniikka", "Electronics"},
                                   {Ind::Machinery, "Kone", "Machinery"},
                                   {Ind::Energy, "Energia", "Energy"},
                                   {Ind::Cosmetics, "Kosmetiikka", "Cosmetics"},
                                   {Ind::Textile, "Tekstiili", "Textiles"},
                                   {Ind::Trade, "Kauppa", "Trading"},
                                   {Ind::Pharma, "Lääke", "Pharma"},
                                   {Ind::Logistics, "Logistiikka", "Logistics"},
                                   {Ind::Tourism, "Matkailu", "Travel"},
                                   {Ind::Auto, "Auto", "Automotive"},
                                   {Ind::AutoParts, "Autonosat", "Auto Parts"}};
constexpr Word kFinnishForms[] = {{"Oy", "Oy"}, {"Oyj", "Oyj"}};
constexpr Word kFinnishPeople[] = {{"Mikko Virtanen", ""}, {"Aino Korhonen", ""}, {"Jussi Nieminen", ""}};

constexpr Word kGermanRoots[] = {{"Müller", "Müller"},   {"Schmidt", "Schmidt"}, {"Schneider", "Schneider"},
                                 {"Fischer", "Fischer"}, {"Weber", "Weber"},     {"Meyer", "Meyer"},
                                 {"Wagner", "Wagner"},   {"Becker", "Becker"},   {"Hoffmann", "Hoffmann"},
                                 {"Richter", "Richter"}};
constexpr IndWord kGermanInd[] = {{Ind::Machinery, "Maschinenbau", "Engineering"},
                                  {Ind::Auto, "Automobil", "Automotive"},
                                  {Ind::AutoParts, "Autoteile", "Auto Parts"},
                                  {Ind::Beverage, "Brauerei", "Brewery"},
                                  {Ind::Food, "Feinkost", "Delicatessen"},
                                  {Ind::Electronics, "Elektronik", "Electronics"},
                                  {Ind::Tech, "Technik", "Technology"},
                                  {Ind::Materials, "Werkstoffe", "Materials"},
                                  {Ind::Pharma, "Pharma", "Pharma"},
                                  {Ind::Cosmetics, "Kosmetik", "Cosmetics"},
                                  {Ind::Energy, "Energie", "Energy"},
                                  {Ind::Logistics, "Logistik", "Logistics"},
                                  {Ind::Trade, "Handel", "Trading"},
                                  {Ind::Textile, "Textil", "Textiles"},
                                  {Ind::Crafts, "Design", "Design"},
                                  {Ind::Agri, "Agrar", "Agriculture"},
                                  {Ind::Media, "Medien", "Media"},
                                  {Ind::Tourism, "Reisen", "Travel"}};
constexpr Word kGermanForms[] = {{"GmbH", "GmbH"}, {"AG", "AG"}};
constexpr Word kGermanPeople[] = {{"Jonas Müller", ""}, {"Anna Schmidt", ""}, {"Lukas Weber", ""}};

constexpr Word kFrenchRoots[] = {
    {"Dubois", "Dubois"},     {"Laurent", "Laurent"},   {"Moreau", "Moreau"},
    {"Lefebvre", "Lefebvre"}, {"Girard", "Girard"},     {"Bonnet", "Bonnet"},
    {"Mercier", "Mercier"},   {"Fontaine", "Fontaine"}, {"Rousseau", "Rousseau"}};
constexpr IndWord kFrenchInd[] = {{Ind::Beverage, "Vins", "Wines"},
                                  {Ind::Cosmetics, "Cosmétiques", "Cosmetics"},
                                  {Ind::Cosmetics, "Parfums", "Perfumes"},
                                  {Ind::Food, "Fromages", "Cheese"},
                                  {Ind::Food, "Gastronomie", "Gourmet Foods"},
                                  {Ind::Textile, "Mode", "Fashion"},
                                  {Ind::Tech, "Technologies", "Technologies"},
                                  {Ind::Machinery, "Industrie", "Industries"},
                                  {Ind::Trade, "Négoce", "Trading"},
                                  {Ind::Crafts, "Artisanat", "Crafts"},
                                  {Ind::Electronics, "Électronique", "Electronics"},
                                  {Ind::Agri, "Agricole", "Agriculture"},
                                  {Ind::Auto, "Automobiles", "Automobiles"},
                                  {Ind::Pharma, "Pharma", "Pharma"},
                                  {Ind::Energy, "Énergie", "Energy"},
                                  {Ind::Tourism, "Voyages", "Travel"}};
constexpr Word kFrenchForms[] = {{"SAS", "SAS"}, {"SA", "SA"}};
constexpr Word kFrenchPeople[] = {{"Camille Dubois", ""}, {"Julien Moreau", ""}, {"Claire Laurent", ""}};

constexpr Word kAustralianRoots[] = {{"Coral Coast", "Coral Coast"},
                                     {"Southern Cross", "Southern Cross"},
                                     {"Red Centre", "Red Centre"},
                                     {"Blue Mountains", "Blue Mountains"},
                                     {"Golden Wattle", "Golden Wattle"},
                                     {"Murray River", "Murray River"},
                                     {"Tasman", "Tasman"},
                                     {"Great Southern", "Great Southern"}};
constexpr IndWord kAustralianInd[] = {
    {Ind::Beverage, "Wines", "Wines"},        {Ind::Food, "Beef", "Beef"},
    {Ind::Textile, "Wool", "Wool"},           {Ind::Food, "Seafood", "Seafood"},
    {Ind::Beverage, "Dairy", "Dairy"},        {Ind::Materials, "Minerals", "Minerals"},
    {Ind::Cosmetics, "Skincare", "Skincare"}, {Ind::Trade, "Trading", "Trading"},
    {Ind::Agri, "Grains", "Grains"},          {Ind::Tech, "Technologies", "Technologies"},
    {Ind::Tourism, "Tours", "Tours"}};
constexpr Word kAustralianForms[] = {{"Pty Ltd", "Pty Ltd"}};
constexpr Word kAustralianPeople[] = {{"Olivia Smith", ""}, {"Jack Wilson", ""}};

enum class Pattern : uint8_t { Chinese, Korean, Dprk, Japanese, Russian, Mongolian, Latin };

struct Lexicon {
  const char* country;
  const char* lang;
  Pattern pattern;
  std::span<const Word> roots;
  std::span<const IndWord> industries;
  std::span<const Word> forms;
  std::span<const Word> people;
};

const Lexicon kLexicons[] = {
    {"CN", "zh", Pattern::Chinese, kChineseCores, kChineseInd, kChineseForms, kChinesePeople},
    {"KR", "ko", Pattern::Korean, kKoreanCores, kKoreanInd, {}, kKoreanPeople},
    {"KP", "ko", Pattern::Dprk, kDprkCores, kDprkInd, {}, kDprkPeople},
    {"JP", "ja", Pattern::Japanese, kJapaneseCores, kJapaneseInd, {}, kJapanesePeople},
    {"RU", "ru", Pattern::Russian, kRussianRoots, kRussianInd, kRussianForms, kRussianPeople},
    {"MN", "mn", Pattern::Mongolian, kMongolianRoots, kMongolianInd, kMongolianForms, kMongolianPeople},
    {"IT", "it", Pattern::Latin, kItalianRoots, kItalianInd, kItalianForms, kItalianPeople},
    {"FI", "fi", Pattern::Latin, kFinnishRoots, kFinnishInd, kFinnishForms, kFinnishPeople},
    {"DE", "de", Pattern::Latin, kGermanRoots, kGermanInd, kGermanForms, kGermanPeople},
    {"FR", "fr", Pattern::Latin, kFrenchRoots, kFrenchInd, kFrenchForms, kFrenchPeople},
    {"AU", "en", Pattern::Latin, kAustralianRoots, kAustralianInd, kAustralianForms, kAustralianPeople},
};

const Lexicon& lexiconOf(const std::string& country) {
  for (const Lexicon& l : kLexicons)
    if (country == l.country) return l;
  return kLexicons[0];
}

// Industries that fit each pavilion theme.
std::span<const Ind> themeIndustries(Theme theme) {
  static constexpr Ind sci[] = {Ind::Tech,   Ind::Electronics, Ind::Machinery,
                                Ind::Energy, Ind::Materials,   Ind::Pharma};
  static constexpr Ind autos[] = {Ind::Auto, Ind::AutoParts, Ind::Machinery, Ind::Materials, Ind::Energy};
  static constexpr Ind nea[] = {Ind::Trade,   Ind::Food,   Ind::Cosmetics,   Ind::Crafts,    Ind::Textile,
                                Ind::Tourism, Ind::Energy, Ind::Electronics, Ind::Materials, Ind::Beverage};
  static constexpr Ind jilin[] = {Ind::Agri,    Ind::Food,      Ind::Pharma, Ind::Auto,
                                  Ind::Tourism, Ind::Materials, Ind::Tech};
  static constexpr Ind regions[] = {Ind::Agri,    Ind::Food,      Ind::Tech,   Ind::Crafts,  Ind::Textile,
                                    Ind::Tourism, Ind::Machinery, Ind::Energy, Ind::Beverage};
  static constexpr Ind imported[] = {Ind::Food,   Ind::Beverage, Ind::Cosmetics, Ind::Textile,
                                     Ind::Crafts, Ind::Trade,    Ind::Machinery};
  static constexpr Ind live[] = {Ind::Media, Ind::Food,   Ind::Cosmetics,
                                 Ind::Agri,  Ind::Crafts, Ind::Beverage};
  switch (theme) {
    case Theme::SciTech:
      return sci;
    case Theme::Automobile:
      return autos;
    case Theme::NortheastAsia:
      return nea;
    case Theme::Jilin:
      return jilin;
    case Theme::ChinaRegions:
      return regions;
    case Theme::Imported:
      return imported;
    case Theme::Livestream:
      return live;
  }
  return sci;
}

const std::vector<std::string>& productsOf(Ind ind) {
  static const std::vector<std::string> table[size_t(Ind::Count)] = {
      {"industrial IoT gateways", "machine-vision cameras", "cloud ERP software", "AI inspection systems",
       "smart-city sensors"},
      {"LED displays", "power modules", "printed circuit boards", "smart home devices", "optical sensors"},
      {"electric SUVs", "hybrid sedans", "light commercial vans", "autonomous shuttles", "electric buses"},
      {"brake systems", "seat assemblies", "lithium battery packs", "wiring harnesses", "LED headlamps"},
      {"organic rice", "soybeans", "ginseng", "sweet corn", "seed potatoes", "edible fungi"},
      {"frozen dumplings", "instant noodles", "dried seafood", "kimchi", "honey", "beef jerky"},
      {"rice wine", "craft beer", "mineral water", "green tea", "fruit juice", "dairy drinks"},
      {"ginseng extracts", "herbal medicines", "diagnostic kits", "vaccines", "nutritional supplements"},
      {"solar panels", "wind turbine parts", "hydrogen fuel cells", "energy storage systems", "smart meters"},
      {"cold-chain logistics", "cross-border freight", "rail container services", "warehousing",
       "customs brokerage"},
      {"livestream commerce services", "short video production", "digital marketing", "online shops",
       "VR content"},
      {"skin care sets", "sheet masks", "perfumes", "hair care", "make-up"},
      {"cashmere knitwear", "silk scarves", "outdoor clothing", "home textiles", "wool blankets"},
      {"CNC machine tools", "industrial robots", "agricultural machinery", "hydraulic pumps",
       "packaging lines"},
      {"import agency services", "bonded warehouse goods", "wholesale consumer goods", "trade finance",
       "sourcing services"},
      {"handmade ceramics", "wood carvings", "embroidery", "paper cuttings", "lacquerware"},
      {"carbon fibre", "specialty steel", "rare-earth alloys", "timber products", "engineering plastics"},
      {"ski resort packages", "cross-border tours", "hot spring holidays", "cultural tours", "eco-tourism"},
  };
  return table[size_t(ind)];
}

}  // namespace

std::string drawCountry(Theme theme, Rng& rng) {
  struct Mix {
    const char* country;
    float weight;
  };
  static constexpr Mix sci[] = {{"CN", 80}, {"KR", 7}, {"JP", 7}, {"RU", 3}, {"FI", 3}};
  static constexpr Mix autos[] = {{"CN", 50}, {"JP", 15}, {"KR", 15}, {"DE", 10}, {"IT", 5}, {"RU", 5}};
  static constexpr Mix nea[] = {{"KR", 28}, {"JP", 25}, {"RU", 22}, {"MN", 17}, {"KP", 8}};
  static constexpr Mix china[] = {{"CN", 100}};
  static constexpr Mix imported[] = {{"IT", 18}, {"FI", 14}, {"DE", 14}, {"FR", 12}, {"AU", 8},
                                     {"RU", 10}, {"KR", 8},  {"JP", 8},  {"MN", 8}};
  static constexpr Mix live[] = {{"CN", 85}, {"KR", 5}, {"RU", 5}, {"MN", 5}};
  std::span<const Mix> mix;
  switch (theme) {
    case Theme::SciTech:
      mix = sci;
      break;
    case Theme::Automobile:
      mix = autos;
      break;
    case Theme::NortheastAsia:
      mix = nea;
      break;
    case Theme::Jilin:
    case Theme::ChinaRegions:
      mix = china;
      break;
    case Theme::Imported:
      mix = imported;
      break;
    case Theme::Livestream:
      mix = live;
      break;
  }
  float weights[16];
  for (size_t i = 0; i < mix.size(); ++i) weights[i] = mix[i].weight;
  return mix[rng.weighted(weights, mix.size())].country;
}

Company CompanyNamer::make(const std::string& country, Theme theme, Rng& rng) {
  const Lexicon& lex = lexiconOf(country);
  // Industries of the lexicon that fit the theme (all of them when none does).
  std::vector<const IndWord*> fitting;
  for (const IndWord& w : lex.industries)
    for (Ind t : themeIndustries(theme))
      if (w.ind == t) fitting.push_back(&w);
  if (fitting.empty())
    for (const IndWord& w : lex.industries) fitting.push_back(&w);

  Company c;
  c.name.lang = lex.lang;
  Ind chosen = Ind::Trade;
  for (int attempt = 0;; ++attempt) {
    const Word& root = lex.roots[rng.below(uint32_t(lex.roots.size()))];
    const IndWord& ind = *fitting[rng.below(uint32_t(fitting.size()))];
    const Word* form = lex.forms.empty() ? nullptr : &lex.forms[rng.below(uint32_t(lex.forms.size()))];
    c.industry = ind.english;
    chosen = ind.ind;
    std::string native, english;
    switch (lex.pattern) {
      case Pattern::Chinese: {
        std::span<const Word> cities = kChinaCities;
        if (theme == Theme::Jilin || (theme != Theme::ChinaRegions && rng.chance(0.6f)))
          cities = kJilinCities;
        const Word& city = cities[rng.below(uint32_t(cities.size()))];
        c.city = city.english;
        native = fmt::format("{}{}{}{}", city.native, root.native, ind.native, form->native);
        english = fmt::format("{} {} {} {}", city.english, root.english, ind.english, form->english);
        break;
      }
      case Pattern::Korean:
        native = rng.chance(0.5f) ? fmt::format("{}{} 주식회사", root.native, ind.native)
                                  : fmt::format("(주){}{}", root.native, ind.native);
        english = fmt::format("{} {} Co., Ltd.", root.english, ind.english);
        break;
      case Pattern::Dprk:
        native = fmt::format("조선{}{}회사", root.native, ind.native);
        english = fmt::format("Korea {} {} Corporation", root.english, ind.english);
        break;
      case Pattern::Japanese:
        native = rng.chance(0.5f) ? fmt::format("{}{}株式会社", root.native, ind.native)
                                  : fmt::format("株式会社{}{}", root.native, ind.native);
        english = fmt::format("{} {} Co., Ltd.", root.english, ind.english);
        break;
      case Pattern::Russian:
        native = fmt::format("{} «{}-{}»", form->native, root.native, ind.native);
        english = fmt::format("{}-{} {}", root.english, ind.english, form->english);
        break;
      case Pattern::Mongolian:
        native = fmt::format("{} {} {}", root.native, ind.native, form->native);
        english = fmt::format("{} {} {}", root.english, ind.english, form->english);
        break;
      case Pattern::Latin:
        native = fmt::format("{} {} {}", root.native, ind.native, form->native);
        english = fmt::format("{} {} {}", root.english, ind.english, form->english);
        break;
    }
    // After a few collisions (large synthetic expos exhaust the combinations) number the name:
    // base names never end in a digit, so "<base> 2" cannot clash with another base.
    int& uses = used_[native];
    if (uses == 0 || attempt >= 3) {
      if (uses > 0) {
        native += fmt::format(" {}", uses + 1);
        english += fmt::format(" {}", uses + 1);
      }
      ++uses;
      c.name.native = std::move(native);
      c.name.english = std::move(english);
      break;
    }
  }
  c.products = productsOf(chosen);
  c.person = lex.people[rng.below(uint32_t(lex.people.size()))].native;
  return c;
}

std::string countryEnglishName(const std::string& country) {
  static const std::pair<const char*, const char*> names[] = {
      {"CN", "China"},    {"KR", "the Republic of Korea"},
      {"KP", "the DPRK"}, {"JP", "Japan"},
      {"RU", "Russia"},   {"MN", "Mongolia"},
      {"IT", "Italy"},    {"FI", "Finland"},
      {"DE", "Germany"},  {"FR", "France"},
      {"AU", "Australia"}};
  for (auto& [code, name] : names)
    if (country == code) return name;
  return country;
}

std::string phonePrefix(const std::string& country) {
  static const std::pair<const char*, const char*> codes[] = {
      {"CN", "+86 431"}, {"KR", "+82 2"},   {"KP", "+850 2"}, {"JP", "+81 3"},
      {"RU", "+7 423"},  {"MN", "+976 11"}, {"IT", "+39 02"}, {"FI", "+358 9"},
      {"DE", "+49 30"},  {"FR", "+33 1"},   {"AU", "+61 2"}};
  for (auto& [code, prefix] : codes)
    if (country == code) return prefix;
  return "+86 431";
}

size_t Rng::weighted(const float* weights, size_t count) {
  float total = 0.0f;
  for (size_t i = 0; i < count; ++i) total += weights[i];
  float x = unit() * total;
  for (size_t i = 0; i < count; ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return count - 1;
}

}  // namespace cx::expo::sample
