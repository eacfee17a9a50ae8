/**
 * The five seed documents (press reports kept in /work/shared/seeds beside seed-figures.md).
 * Titles are citations and stay as published; dates are as precise as the documents allow, and
 * `dateNote` says how a date was arrived at when the page itself does not carry one.
 */

export type SourceId = "000" | "001" | "002" | "003" | "004";

export interface SeedSource {
  id: SourceId;
  title: string;
  /** Where the figures apply (Vietnamese), and the registry code of that place when it has one. */
  place: string;
  scope: string;
  /** ISO date, or the year/month when no day is known. */
  date: string;
  dateNote?: string;
  publisher?: string;
  file: string;
  /** Other articles printed on the same page, whose figures are also transcribed. */
  alsoContains?: Array<{ title: string; place: string; date: string; publisher?: string }>;
}

export const SOURCES: readonly SeedSource[] = [
  {
    id: "000",
    title: "Hàm Tân qua hơn 6 năm thực hiện đổi mới và nâng cao chất lượng hoạt động của hệ thống chính trị ở cơ sở xã-thị trấn và mục tiêu, nhiệm vụ, giải pháp trong thời gian đến",
    place: "Huyện Hàm Tân, tỉnh Bình Thuận",
    scope: "BTH-HTN",
    date: "2012-07-13",
    file: "000_fc511c3096c8783f.txt",
  },
  {
    id: "001",
    title: "Thừa Thiên-Huế: Xây dựng hệ thống chính trị cơ sở vững mạnh, gần dân",
    place: "Tỉnh Thừa Thiên Huế",
    scope: "TTH",
    date: "2018",
    dateNote: "The page carries no date of its own; its poverty figures run to the end of 2017, so the conference is taken to be early 2018.",
    publisher: "Báo Thừa Thiên – Huế điện tử",
    file: "001_1004a7bcbf282a14.txt",
  },
  {
    id: "002",
    title: "Nậm Nhùn: Nâng cao chất lượng hoạt động hệ thống chính trị",
    place: "Huyện Nậm Nhùn, tỉnh Lai Châu",
    scope: "LCU-NNH",
    date: "2022",
    dateNote: "Undated page; it describes the district about ten years after its founding (2012) and cites resolutions of the 13th Party Congress term, so about 2022.",
    publisher: "Nông thôn Ngày nay / Dân Việt",
    file: "002_1a4907128ab5ab89.txt",
  },
  {
    id: "003",
    title: "Lai Châu nâng cao hiệu quả hệ thống chính trị cơ sở",
    place: "Tỉnh Lai Châu",
    scope: "LCU",
    date: "2019-01",
    dateNote: "Figures are stated as of the start of 2019.",
    publisher: "TTXVN",
    file: "003_36ddcb0f00ae2303.txt",
    alsoContains: [
      { title: "Giải bài toán nhất thể hóa nhiều người \"mê\" ở Quảng Ninh", place: "Tỉnh Quảng Ninh", date: "2018", publisher: "Dân trí" },
    ],
  },
  {
    id: "004",
    title: "Gắn công tác dân vận với kiện toàn cơ sở Đảng và chính quyền",
    place: "Huyện Ba Tri, tỉnh Bến Tre",
    scope: "BTR-BTI",
    date: "2009-04-24",
    file: "004_50e2bc59ad7e4c80.txt",
  },
];

export function sourceById(id: SourceId): SeedSource {
  const s = SOURCES.find((x) => x.id === id);
  if (!s) throw new Error(`unknown seed source ${id}`);
  return s;
}

/** "Title" (publisher, date): how the Nguồn sheets and messages cite a source. */
export function citation(id: SourceId): string {
  const s = sourceById(id);
  return `“${s.title}”${s.publisher ? `, ${s.publisher}` : ""}, ${s.date}`;
}
