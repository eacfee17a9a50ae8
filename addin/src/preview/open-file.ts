/**
 * Opening a workbook the person picks or drops on the preview page. The file is read in the
 * browser and never uploaded. What is refused gets a plain message, and the open workbook stays.
 */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface Picked { name: string; bytes: Uint8Array }

export class OpenError extends Error {}

/** Checks what was picked before exceljs sees it: the name, the size, the zip signature. */
export async function readPicked(file: File): Promise<Picked> {
  if (!/\.xlsx$/i.test(file.name)) {
    throw new OpenError(/\.(xls|xlsb|ods|csv)$/i.test(file.name)
      ? `"${file.name}" không phải tệp .xlsx. Hãy mở trong Excel và lưu lại dưới dạng Sổ làm việc Excel (.xlsx).`
      : `"${file.name}" không phải tệp .xlsx.`);
  }
  if (file.size === 0) throw new OpenError(`Tệp "${file.name}" trống.`);
  if (file.size > MAX_FILE_BYTES) throw new OpenError(`Tệp "${file.name}" lớn quá ${Math.round(MAX_FILE_BYTES / 1048576)} MB, bản xem thử không mở được; hãy dùng phần bổ trợ trong Excel hoặc lệnh htct.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Every .xlsx is a zip: "PK\x03\x04". A password-protected workbook is an OLE file instead.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) throw new OpenError(`Tệp "${file.name}" được đặt mật khẩu; hãy gỡ mật khẩu trong Excel rồi mở lại.`);
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new OpenError(`Tệp "${file.name}" bị hỏng hoặc không phải tệp .xlsx.`);
  return { name: file.name, bytes };
}

/** A file's download, as a link click, so the browser saves it where the person chooses. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
