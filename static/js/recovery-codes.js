// The recovery codes page: print them, or copy them to the clipboard. Without script the
// page still works: the codes can be selected, and downloaded as a text file.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
document.querySelectorAll("[data-copy]").forEach((button) => {
  if (!navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const list = document.getElementById(button.dataset.copy);
    const codes = [...list.querySelectorAll("code")].map((code) => code.textContent);
    await navigator.clipboard.writeText(codes.join("\n") + "\n");
    document.getElementById("copy-status").textContent = button.dataset.copied;
  });
});
