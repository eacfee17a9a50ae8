import type { Group } from "./schema.ts";
import type { Lang } from "../model.ts";

/** The catalog's indicator groups as headings (pickers, reports), in the field's own terms. */
export const GROUP_LABELS: Record<Group, Record<Lang, string>> = {
  org: { vi: "Tổ chức, bộ máy", en: "Organisation" },
  party: { vi: "Tổ chức cơ sở đảng", en: "Party organisations" },
  members: { vi: "Đảng viên", en: "Party members" },
  grades: { vi: "Đánh giá, xếp loại chất lượng", en: "Quality grading" },
  government: { vi: "Chính quyền cơ sở", en: "Local government" },
  cadres: { vi: "Cán bộ, công chức", en: "Cadres and civil servants" },
  massorg: { vi: "Mặt trận Tổ quốc và các đoàn thể", en: "Fatherland Front and mass organisations" },
  democracy: { vi: "Dân chủ ở cơ sở, văn hóa", en: "Grassroots democracy and culture" },
  poverty: { vi: "Giảm nghèo", en: "Poverty reduction" },
  pilot: { vi: "Thí điểm", en: "Pilots" },
  training: { vi: "Đào tạo, bồi dưỡng", en: "Training" },
};
