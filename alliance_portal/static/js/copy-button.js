// Copy buttons in the admin: <button data-copy hidden> beside a read-only text field
// copies the field's value. Without JavaScript the button stays hidden and the
// field's text can be selected and copied by hand.

const copy = async (field) => {
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    // No clipboard API (a page served over plain HTTP) or no permission.
    field.focus();
    field.select();
    return document.execCommand("copy");
  }
};

for (const button of document.querySelectorAll("button[data-copy]")) {
  button.hidden = false;
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const container = button.closest("[data-copy-container]");
  const field = container.querySelector("input[readonly]");
  const status = container.querySelector("[role=status]");
  const copied = await copy(field);
  status.textContent = copied ? button.dataset.copied : "";
  if (copied) setTimeout(() => (status.textContent = ""), 4000);
});
