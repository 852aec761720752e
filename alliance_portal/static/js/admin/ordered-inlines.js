/*
 * Ordered inlines in the admin (publishing/admin.py, OrderedInline).
 *
 * - Rows can be dragged by a handle; the position fields are then renumbered 1, 2, 3…
 *   in the order shown, and "sub-goal of no." fields follow their main goal's new
 *   number. Without JavaScript the position fields do the same: the server stores
 *   rows in the order of the typed numbers and renumbers them on every save.
 * - A new row gets the next number, so it goes to the end.
 * (Its translation tabs open on German: static/js/admin/translation-tabs.js.)
 */
"use strict";

(function () {
  const POSITION = "input.ordered-inline-position";
  const PARENT = 'input[name$="-parent_number"]';

  function rowsOf(group) {
    // A stacked inline's rows are its .inline-related boxes; a tabular inline is one
    // .inline-related box (.tabular) whose rows are table rows.
    const rows = group.querySelectorAll(".inline-related:not(.tabular), tr.form-row");
    return Array.from(rows).filter(
      (row) => row.querySelector(POSITION) && !row.classList.contains("empty-form")
        && !row.id.endsWith("-empty")
    );
  }

  function renumber(group) {
    const renamed = new Map();
    rowsOf(group).forEach((row, index) => {
      const input = row.querySelector(POSITION);
      const old = input.value.trim();
      const number = String(index + 1);
      if (old && !row.querySelector(PARENT)?.value.trim()) {
        renamed.set(old, number);
      }
      input.value = number;
    });
    group.querySelectorAll(PARENT).forEach((input) => {
      const old = input.value.trim();
      if (renamed.has(old)) {
        input.value = renamed.get(old);
      }
    });
  }

  function addHandle(group, row) {
    if (row.querySelector(".ordered-inline-handle")) {
      return;
    }
    const input = row.querySelector(POSITION);
    const handle = document.createElement("span");
    handle.className = "ordered-inline-handle";
    handle.textContent = "⠿";
    handle.title = input.dataset.dragLabel || "";
    handle.setAttribute("aria-hidden", "true");
    input.after(handle);
    handle.addEventListener("mousedown", () => { row.draggable = true; });
    row.addEventListener("dragstart", (event) => {
      group.dragged = row;
      row.classList.add("ordered-inline-dragging");
      event.dataTransfer.effectAllowed = "move";
    });
    row.addEventListener("dragend", () => {
      row.draggable = false;
      row.classList.remove("ordered-inline-dragging");
      group.dragged = null;
      renumber(group);
    });
    row.addEventListener("dragover", (event) => {
      const dragged = group.dragged;
      if (!dragged || dragged === row || dragged.parentNode !== row.parentNode) {
        return;
      }
      event.preventDefault();
      const box = row.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      row.parentNode.insertBefore(dragged, after ? row.nextSibling : row);
    });
  }

  function setUp(group) {
    rowsOf(group).forEach((row) => addHandle(group, row));
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".inline-group").forEach((group) => {
      if (group.querySelector(POSITION)) {
        setUp(group);
      }
    });
  });

  document.addEventListener("formset:added", (event) => {
    const row = event.target;
    const group = row.closest(".inline-group");
    const input = row.querySelector(POSITION);
    if (!group || !input) {
      return;
    }
    const numbers = rowsOf(group)
      .filter((other) => other !== row)
      .map((other) => parseInt(other.querySelector(POSITION).value, 10))
      .filter((number) => !Number.isNaN(number));
    input.value = String(numbers.length ? Math.max(...numbers) + 1 : 1);
    addHandle(group, row);
  });
})();
