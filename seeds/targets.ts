import type { Target } from "../shared/catalog/schema.ts";

/**
 * The targets the Hàm Tân party committee set for 2015 (and one for 2020) in report 000, in
 * catalog terms. The source texts are our own wording of each target, not the report's sentences.
 * The leaders' targets (HĐND standing members and UBND members) use the cadre family's `lead` row;
 * the report sets them "for the next term", which it files with the 2015 targets.
 */

/** Where these targets come from in seed-figures.md. */
export const TARGETS_ORIGIN = { source: "000", row: "2015 targets" } as const;

const SCOPE = "BTH-HTN";
const SRC_VI = "Mục tiêu của Huyện ủy Hàm Tân (báo cáo 7/2012)";
const SRC_EN = "Hàm Tân district party committee targets (report of 07/2012)";

function target(id: string, indicator: string, op: Target["op"], value: number, vi: string, en: string, year = 2015): Target {
  return { id: `BTH-HTN-${year}-${id}`, indicator, op, value, scope: SCOPE, year, source: { vi: `${SRC_VI}, năm ${year}: ${vi}`, en: `${SRC_EN}, ${year}: ${en}` } };
}

export const HAM_TAN_TARGETS: Target[] = [
  target("base-org-tsvm", "grades.base_org.tsvm_rate", ">=", 30,
    "ít nhất 30% đảng bộ xã, thị trấn đạt trong sạch vững mạnh", "at least 30% of commune party organisations clean and strong"),
  target("cells-tsvm", "grades.cells.tsvm_rate", ">=", 50,
    "ít nhất 50% chi bộ trực thuộc đạt trong sạch vững mạnh", "at least 50% of affiliated cells clean and strong"),
  target("base-org-no-weak", "grades.base_org.yeu", "<=", 0,
    "không có đảng bộ yếu kém", "no weak commune party organisation"),
  target("cells-no-weak", "grades.cells.yeu", "<=", 0,
    "không có chi bộ trực thuộc yếu kém", "no weak affiliated cell"),
  target("schools-cell", "org.schools.with_cell_rate", ">", 80,
    "trên 80% trường học có chi bộ", "more than 80% of schools have a party cell"),
  target("members-httnv", "members.httnv_or_better_rate", ">", 70,
    "trên 70% đảng viên hoàn thành tốt nhiệm vụ trở lên", "more than 70% of members graded good or better"),
  target("members-htxsnv", "members.htxsnv_rate", ">=", 10,
    "ít nhất 10% đảng viên hoàn thành xuất sắc nhiệm vụ", "at least 10% of members graded excellent"),
  target("health-members", "org.health_stations.with_members_rate", ">=", 100,
    "mọi xã, thị trấn có đảng viên ở trạm y tế", "every commune has a party member at its health station"),
  target("massorg-good", "massorg.good_rate", ">", 80,
    "trên 80% Mặt trận và đoàn thể đạt vững mạnh", "more than 80% of the Front and mass organisations graded strong"),
  target("massorg-no-weak", "massorg.grade.yeu", "<=", 0,
    "không có Mặt trận, đoàn thể yếu kém", "no weak Front or mass organisation"),
  target("cbcc-standard", "cadres.cbcc.standard_rate", ">", 80,
    "trên 80% cán bộ chuyên trách và công chức đạt chuẩn", "more than 80% of full-time cadres and civil servants meet the standard"),
  target("lead-cm", "cadres.lead.cm_trungcap_plus_rate", ">=", 100,
    "100% Thường trực HĐND và thành viên UBND có chuyên môn trung cấp trở lên", "every council standing member and committee member has intermediate professional training or above"),
  target("lead-daihoc", "cadres.lead.cm_daihoc_rate", ">", 50,
    "trên 50% Thường trực HĐND và thành viên UBND có trình độ đại học", "more than half of them hold a university degree"),
  target("lead-llct", "cadres.lead.llct_trungcap_plus_rate", ">=", 90,
    "90% Thường trực HĐND và thành viên UBND có LLCT trung cấp trở lên", "90% of them have intermediate political theory or above"),
  target("schools-cell", "org.schools.with_cell_rate", ">=", 100,
    "100% trường học có chi bộ", "every school has a party cell", 2020),
];
