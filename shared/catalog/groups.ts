import type { Group } from "./schema.ts";
import type { Text } from "./schema.ts";

/** The catalog's indicator groups as column headings over the indicators they hold, in catalog order. */
export const GROUP_LABELS: Record<Group, Text> = {
  org: { vi: "Đơn vị hành chính, địa bàn", en: "Units and places" },
  party: { vi: "Tổ chức đảng", en: "Party organisations" },
  members: { vi: "Đảng viên", en: "Party members" },
  grades: { vi: "Chất lượng tổ chức đảng", en: "Grades of party organisations" },
  government: { vi: "Chính quyền", en: "Government" },
  cadres: { vi: "Cán bộ, công chức", en: "Cadres and civil servants" },
  massorg: { vi: "Mặt trận, đoàn thể", en: "Front and mass organisations" },
  democracy: { vi: "Dân chủ, văn hóa", en: "Democracy and culture" },
  poverty: { vi: "Giảm nghèo", en: "Poverty" },
  pilot: { vi: "Thí điểm kiêm nhiệm", en: "Pilot: combined posts" },
  training: { vi: "Đào tạo, bồi dưỡng", en: "Training" },
};
