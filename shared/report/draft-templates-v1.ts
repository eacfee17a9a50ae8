import type { DraftTemplateInput } from "./draft-template.ts";

/**
 * The draft reports on the grassroots political system, as provincial staff write them each
 * period: organisation, members, grades, cadres, mass organisations, poverty, targets, and who has
 * reported. Our own wording; every figure is a placeholder filled from the rollup.
 */
const SECTIONS: DraftTemplateInput["sections"] = [
  {
    heading: { vi: "Tình hình tổ chức cơ sở đảng", en: "Grassroots party organisations" },
    paragraphs: [
      {
        vi: "{province} có {v:party.base_orgs} tổ chức cơ sở đảng[ ({chg:party.base_orgs} so với {previous})] với {v:party.cells} chi bộ trực thuộc[ ({chg:party.cells} so với {previous})].",
        en: "{province} has {v:party.base_orgs} grassroots party organisations[ ({chg:party.base_orgs} on {previous})] with {v:party.cells} affiliated cells[ ({chg:party.cells} on {previous})].",
      },
      {
        vi: "Có {v:org.villages.with_cell}/{v:org.villages} thôn, khu phố có chi bộ, đạt {v:org.villages.with_cell_rate}[ ({chg:org.villages.with_cell_rate} so với {previous})]; {v:org.villages.with_members}/{v:org.villages} thôn, khu phố có đảng viên ({v:org.villages.with_members_rate}).",
        en: "{v:org.villages.with_cell} of {v:org.villages} villages have a party cell, {v:org.villages.with_cell_rate}[ ({chg:org.villages.with_cell_rate} on {previous})]; {v:org.villages.with_members} of {v:org.villages} have party members ({v:org.villages.with_members_rate}).",
      },
      {
        vi: "Có {v:org.schools.with_cell}/{v:org.schools} trường học có chi bộ ({v:org.schools.with_cell_rate})[; {target:org.schools.with_cell_rate}].",
        en: "{v:org.schools.with_cell} of {v:org.schools} schools have a party cell ({v:org.schools.with_cell_rate})[; {target:org.schools.with_cell_rate}].",
      },
    ],
  },
  {
    heading: { vi: "Đội ngũ đảng viên", en: "Party members" },
    paragraphs: [
      {
        vi: "Tổng số đảng viên là {v:members.total}[, {chg:members.total} so với {previous}][ và {yoy:members.total} so với {yearEarlier}].",
        en: "Party members number {v:members.total}[, {chg:members.total} on {previous}][ and {yoy:members.total} on {yearEarlier}].",
      },
      {
        vi: "{InPeriod} đã kết nạp {v:members.admitted} đảng viên[, đạt {v:members.admission_rate} chỉ tiêu].",
        en: "{InPeriod} {v:members.admitted} members were admitted[, {v:members.admission_rate} of the target].",
      },
      {
        vi: "Kết quả đánh giá, xếp loại: {v:members.httnv_or_better_rate} đảng viên hoàn thành tốt nhiệm vụ trở lên[ ({chg:members.httnv_or_better_rate} so với {previous})], trong đó {v:members.htxsnv_rate} hoàn thành xuất sắc nhiệm vụ[; {target:members.httnv_or_better_rate}][; {target:members.htxsnv_rate}].",
        en: "Assessment: {v:members.httnv_or_better_rate} of members were graded good or better[ ({chg:members.httnv_or_better_rate} on {previous})], of them {v:members.htxsnv_rate} excellent[; {target:members.httnv_or_better_rate}][; {target:members.htxsnv_rate}].",
      },
      {
        vi: "Số đảng viên vi phạm là {v:members.violations}, chiếm {v:members.violation_rate} tổng số đảng viên[ ({chg:members.violation_rate} so với {previous})].",
        en: "{v:members.violations} members had violations, {v:members.violation_rate} of all members[ ({chg:members.violation_rate} on {previous})].",
      },
    ],
  },
  {
    heading: { vi: "Chất lượng tổ chức đảng", en: "Grades of party organisations" },
    paragraphs: [
      {
        vi: "Có {v:grades.base_org.tsvm}/{v:party.base_orgs} tổ chức cơ sở đảng đạt trong sạch vững mạnh ({v:grades.base_org.tsvm_rate})[, {chg:grades.base_org.tsvm_rate} so với {previous}][; {target:grades.base_org.tsvm_rate}].",
        en: "{v:grades.base_org.tsvm} of {v:party.base_orgs} grassroots party organisations were clean and strong ({v:grades.base_org.tsvm_rate})[, {chg:grades.base_org.tsvm_rate} on {previous}][; {target:grades.base_org.tsvm_rate}].",
      },
      {
        vi: "Có {v:grades.cells.tsvm}/{v:party.cells} chi bộ trực thuộc đạt trong sạch vững mạnh ({v:grades.cells.tsvm_rate})[, {chg:grades.cells.tsvm_rate} so với {previous}][; {target:grades.cells.tsvm_rate}].",
        en: "{v:grades.cells.tsvm} of {v:party.cells} affiliated cells were clean and strong ({v:grades.cells.tsvm_rate})[, {chg:grades.cells.tsvm_rate} on {previous}][; {target:grades.cells.tsvm_rate}].",
      },
      {
        vi: "Tỷ lệ chính quyền cấp xã được xếp loại khá, tốt trở lên là {v:government.kha_or_better_rate}.",
        en: "{v:government.kha_or_better_rate} of commune governments were graded fair or better.",
      },
    ],
  },
  {
    heading: { vi: "Đội ngũ cán bộ, công chức cấp xã", en: "Commune cadres and civil servants" },
    paragraphs: [
      {
        vi: "Hiện có {v:cadres.cbcc.in_post} cán bộ, công chức cấp xã[ ({chg:cadres.cbcc.in_post} so với {previous})], trong đó nữ chiếm {v:cadres.cbcc.women_rate}.",
        en: "Communes have {v:cadres.cbcc.in_post} cadres and civil servants[ ({chg:cadres.cbcc.in_post} on {previous})], {v:cadres.cbcc.women_rate} of them women.",
      },
      {
        vi: "Về trình độ, {v:cadres.cbcc.cm_trungcap_plus_rate} có chuyên môn từ trung cấp trở lên, {v:cadres.cbcc.llct_trungcap_plus_rate} có lý luận chính trị từ trung cấp trở lên[; {target:cadres.cbcc.standard_rate}].",
        en: "{v:cadres.cbcc.cm_trungcap_plus_rate} have intermediate professional training or above and {v:cadres.cbcc.llct_trungcap_plus_rate} intermediate political theory or above[; {target:cadres.cbcc.standard_rate}].",
      },
    ],
  },
  {
    heading: { vi: "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội", en: "The Fatherland Front and mass organisations" },
    paragraphs: [
      {
        vi: "Các đoàn thể tập hợp {v:massorg.members} đoàn viên, hội viên, đạt {v:massorg.membership_rate} số người trong độ tuổi[ ({chg:massorg.membership_rate} so với {previous})].",
        en: "Mass organisations have {v:massorg.members} members, {v:massorg.membership_rate} of the eligible population[ ({chg:massorg.membership_rate} on {previous})].",
      },
      {
        vi: "Tỷ lệ tổ chức Mặt trận, đoàn thể được xếp loại vững mạnh là {v:massorg.good_rate}[; {target:massorg.good_rate}].",
        en: "{v:massorg.good_rate} of Front and mass organisations were graded strong[; {target:massorg.good_rate}].",
      },
    ],
  },
  {
    heading: { vi: "Giảm nghèo", en: "Poverty reduction" },
    paragraphs: [
      {
        // The count and its rate side by side: a steady rate can hide more poor households.
        vi: "{province} còn {v:poverty.poor} hộ nghèo, chiếm {v:poverty.poor_rate} tổng số hộ[; so với {previous}, số hộ nghèo {chg:poverty.poor}, tỷ lệ hộ nghèo {chg:poverty.poor_rate}][; so với {yearEarlier}, số hộ nghèo {yoy:poverty.poor}, tỷ lệ hộ nghèo {yoy:poverty.poor_rate}]; {v:poverty.near_poor} hộ cận nghèo ({v:poverty.near_poor_rate}).",
        en: "{province} has {v:poverty.poor} poor households, {v:poverty.poor_rate} of all households[; on {previous}, poor households {chg:poverty.poor}, the poverty rate {chg:poverty.poor_rate}][; on {yearEarlier}, poor households {yoy:poverty.poor}, the poverty rate {yoy:poverty.poor_rate}]; {v:poverty.near_poor} near-poor ({v:poverty.near_poor_rate}).",
      },
    ],
  },
  {
    heading: { vi: "Thực hiện các mục tiêu", en: "Progress against the targets" },
    paragraphs: [
      {
        vi: "Có {targets.met}/{targets.total} mục tiêu đã đạt[; các mục tiêu chưa đạt: {targets.notMetList}].",
        en: "{targets.met} of {targets.total} targets are met[; not yet met: {targets.notMetList}].",
      },
      {
        vi: "[Ở các đơn vị, còn {targets.unitsNotMet} mục tiêu chưa đạt: {targets.unitsNotMetList}.]",
        en: "[In the units, {targets.unitsNotMet} targets are not yet met: {targets.unitsNotMetList}.]",
      },
    ],
  },
  {
    heading: { vi: "Tình hình báo cáo", en: "Reporting" },
    paragraphs: [
      {
        vi: "Đã có {units.reported}/{units.expected} đơn vị gửi báo cáo, trong đó {units.onTime} đơn vị gửi đúng hạn và {units.late} đơn vị gửi muộn[; còn {units.missing} đơn vị chưa gửi: {units.missingNames}].",
        en: "{units.reported} of {units.expected} units have reported, {units.onTime} on time and {units.late} late[; {units.missing} still to report: {units.missingNames}].",
      },
      {
        // Approval is part of the data: where each unit's figures stand, the returned ones by name with the reason.
        vi: "Về duyệt số liệu: {units.approved}/{units.reported} đơn vị đã gửi được duyệt[; {units.complete} đơn vị đã xác nhận hoàn thành, chờ duyệt][; {units.reopened} đơn vị được mở lại để sửa][; {units.returned} đơn vị bị trả lại để rà soát: {units.returnedList}].",
        en: "Approval: {units.approved} of the {units.reported} units that reported are approved[; {units.complete} marked complete, awaiting approval][; {units.reopened} reopened for correction][; {units.returned} returned for review: {units.returnedList}].",
      },
    ],
  },
];

export const DRAFT_TEMPLATES_V1: DraftTemplateInput[] = [
  {
    id: "htct-annual", version: "1.2.0", periodKinds: ["year"],
    title: { vi: "Báo cáo kết quả xây dựng hệ thống chính trị cơ sở {period} — {province}", en: "Grassroots political system: report for {period} — {province}" },
    subject: { vi: "kết quả xây dựng hệ thống chính trị cơ sở {period}", en: "on building the grassroots political system, {period}" },
    sections: SECTIONS,
  },
  {
    id: "htct-interim", version: "1.2.0", periodKinds: ["half", "quarter", "month"],
    title: { vi: "Báo cáo sơ kết xây dựng hệ thống chính trị cơ sở {period} — {province}", en: "Grassroots political system: interim report for {period} — {province}" },
    subject: { vi: "sơ kết xây dựng hệ thống chính trị cơ sở {period}", en: "interim, on building the grassroots political system, {period}" },
    sections: SECTIONS,
  },
];
