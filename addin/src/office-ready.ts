/**
 * Waiting for Office. Office.js comes from Microsoft's CDN before the pane's module runs; where it
 * could not load (a firewall or proxy blocking appsforoffice.microsoft.com, no network) or never
 * gets ready, the pane says so and what to do, in both languages (the pane's words are not loaded
 * yet), instead of "Đang tải…" for ever, and offers "Thử lại". Should Office get ready after the
 * message, the pane takes its place. Nothing is lost either way: what the pane keeps (mappings,
 * the queue of submissions) lives in the workbook, which the pane has not touched yet.
 * Used by taskpane.ts with the real Office, and by the preview page with its stand-in (?officeReady=).
 */
export const OFFICE_READY_TIMEOUT_MS = 20_000;

export function officeFailed(root: HTMLElement, why: "missing" | "late", retry?: () => void): void {
  root.className = "app load-failed";
  root.setAttribute("role", "alert");
  const p = (lang: string, text: string) => { const el = document.createElement("p"); el.lang = lang; el.textContent = text; return el; };
  const title = document.createElement("h1");
  title.lang = "vi";
  title.textContent = why === "missing" ? "Không tải được Office.js, phần Office cần để mở ngăn Chỉ tiêu HTCT." : "Office chưa sẵn sàng sau 20 giây: ngăn Chỉ tiêu HTCT chưa mở được.";
  const parts: HTMLElement[] = [title,
    p("vi", why === "missing"
      ? "Kiểm tra kết nối mạng và xem tường lửa hoặc máy chủ proxy của cơ quan có chặn appsforoffice.microsoft.com không, rồi đóng ngăn và mở lại từ Excel (thẻ Trang đầu → Chỉ tiêu HTCT). Nếu vẫn không được, báo quản trị hệ thống."
      : "Ngăn sẽ tự mở khi Office sẵn sàng. Nếu lâu vẫn không mở, bấm Thử lại, hoặc đóng ngăn và mở lại từ Excel (thẻ Trang đầu → Chỉ tiêu HTCT); kiểm tra kết nối mạng và xem tường lửa hoặc máy chủ proxy có chặn appsforoffice.microsoft.com không. Số liệu và cài đặt trong sổ tính không bị mất."),
    p("en", why === "missing"
      ? "Office.js, which the HTCT pane needs, could not be loaded. Check the network and whether a firewall or proxy blocks appsforoffice.microsoft.com, then close the pane and open it again from Excel (Home → HTCT indicators). If it still fails, tell your administrator."
      : "Office was not ready after 20 seconds, so the HTCT pane could not open. It opens by itself once Office is ready; otherwise press Try again, or close the pane and open it again from Excel (Home → HTCT indicators), and check whether a firewall or proxy blocks appsforoffice.microsoft.com. Nothing in the workbook is lost."),
  ];
  if (retry) {
    const b = document.createElement("button");
    b.type = "button";
    b.id = "office-retry";
    b.className = "primary";
    b.textContent = "Thử lại — Try again";
    b.onclick = retry;
    parts.push(b);
  }
  root.replaceChildren(...parts);
}

/**
 * Starts the pane once `ready` settles, saying after OFFICE_READY_TIMEOUT_MS that Office is late.
 * `retry` is what "Thử lại" does: reload the page (the real pane: office.js is fetched again), or
 * "wait" (wait again with the same Office, the message back after the same time).
 */
export function waitForOffice<T>(root: HTMLElement, ready: Promise<T>, start: (info: T) => void, retry: "reload" | "wait"): void {
  let started = false;
  let late: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    late = setTimeout(() => {
      if (started) return;
      officeFailed(root, "late", retry === "reload" ? () => location.reload() : () => {
        root.className = "app";
        root.removeAttribute("role");
        root.textContent = "Đang chờ Office… — Waiting for Office…";
        arm();
      });
    }, OFFICE_READY_TIMEOUT_MS);
  };
  arm();
  void ready.then((info) => {
    started = true;
    clearTimeout(late);
    // Office got ready after the "not ready" message: the pane takes its place.
    root.className = "app";
    root.removeAttribute("role");
    root.replaceChildren();
    start(info);
  });
}
