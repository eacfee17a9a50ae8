/**
 * Who an indicator is about: party members, the affiliated cells, the commune's base party
 * organisation, the Front and mass organisations (all of them, or one), the commune government.
 * A group header ("Xếp loại chi bộ", "Hội Cựu chiến binh") names the subject of the columns under
 * it, and a reader takes "Hoàn thành tốt nhiệm vụ" under "Xếp loại chi bộ" as cells graded good,
 * never as members graded good. Data: terms are folded, abbreviation-expanded words (with the
 * short forms headers use for one organisation: "Đoàn TN", "Hội ND", "Hội PN"); `codes` are
 * code prefixes (a code belongs to the subject of its longest matching prefix).
 */
export interface Subject {
  id: string;
  /** How headers name it, longest first within a subject does not matter: the longest term wins. */
  terms: string[];
  codes: string[];
  /** A single organisation inside a collective subject ("Hội Cựu chiến binh" inside "MTTQ và các đoàn thể"). */
  within?: string;
}

export const SUBJECTS: readonly Subject[] = [
  { id: "members", terms: ["dang vien"], codes: ["members"] },
  { id: "cells", terms: ["chi bo truc thuoc", "chi bo"], codes: ["grades.cells", "party.cells"] },
  {
    id: "base_org",
    terms: ["to chuc co so dang", "dang bo xa", "dang bo co so", "dang bo", "chi bo co so", "chi bo dang bo co so"],
    codes: ["grades.base_org", "party.base_orgs", "party.dang_bo", "party.chi_bo_co_so"],
  },
  {
    id: "massorg",
    terms: ["doan the", "cac doan the", "mat tran va cac doan the", "mat tran to quoc va cac doan the", "to chuc chinh tri xa hoi", "doan the chinh tri xa hoi", "doan vien hoi vien"],
    codes: ["massorg"],
  },
  { id: "massorg.front", terms: ["mat tran to quoc", "uy ban mat tran to quoc", "mat tran"], codes: ["massorg.front"], within: "massorg" },
  { id: "massorg.youth", terms: ["doan thanh nien", "doan thanh nien cong san ho chi minh", "thanh nien cong san ho chi minh", "doan thanh nien cong san", "doan tn"], codes: ["massorg.youth"], within: "massorg" },
  { id: "massorg.women", terms: ["hoi lien hiep phu nu", "hoi phu nu", "lien hiep phu nu", "hoi pn"], codes: ["massorg.women"], within: "massorg" },
  { id: "massorg.farmers", terms: ["hoi nong dan", "hoi nd"], codes: ["massorg.farmers"], within: "massorg" },
  { id: "massorg.veterans", terms: ["hoi cuu chien binh", "cuu chien binh"], codes: ["massorg.veterans"], within: "massorg" },
  { id: "government", terms: ["chinh quyen", "chinh quyen xa", "uy ban nhan dan"], codes: ["government"] },
];

/**
 * Words of grading that say nothing about which grade ("Xếp loại", "đạt", "được đánh giá"): left
 * out, with the subject's own words, when a column's leaf is compared with an indicator's name.
 */
export const GRADING_WORDS: readonly string[] = ["xep loai", "danh gia", "duoc danh gia", "duoc xep loai", "dat", "ket qua"];
