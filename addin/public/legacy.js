/*
 * Runs before the pane's module in every web view, in the oldest JavaScript (Internet Explorer 11
 * reads it). Where the pane's code cannot run — Internet Explorer (Office 2016/2019 volume
 * licence), EdgeHTML (Office 2019 retail, older Microsoft 365 builds without WebView2) — it
 * replaces "Đang tải…" with which Office versions work, instead of leaving the pane blank.
 */
(function () {
  var modern = false;
  try {
    // ES modules, optional chaining and ?? are what the bundle needs; EdgeHTML has modules only.
    modern = "noModule" in document.createElement("script") && new Function("var a = {}; return a?.b ?? 1;")() === 1;
  } catch (e) {
    modern = false;
  }
  if (modern) return;
  function show() {
    var el = document.getElementById("app");
    if (!el) return;
    el.className = "app legacy";
    el.innerHTML =
      '<h1 lang="vi">Phiên bản Office này chưa mở được ngăn Chỉ tiêu HTCT</h1>' +
      '<p lang="vi">Ngăn chạy trong: Excel của Microsoft 365 trên Windows (có Microsoft Edge WebView2), ' +
      'Office 2021 hoặc Office 2024 trên Windows, Excel trên máy Mac, và Excel trên web (Edge, Chrome, Firefox, Safari bản mới).</p>' +
      '<p lang="vi">Office 2016 và Office 2019 không dùng được (các bản này mở ngăn bằng Internet Explorer hoặc Edge cũ). ' +
      'Hãy cập nhật Office, hoặc mở sổ tính bằng Excel trên web tại office.com.</p>' +
      '<p lang="en">This Office cannot run the HTCT pane. It works in Microsoft 365 Excel on Windows (with WebView2), ' +
      'Office 2021 or 2024 on Windows, Excel for Mac and Excel on the web; Office 2016 and 2019 do not. ' +
      'Update Office, or open the workbook in Excel on the web.</p>';
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
