// Copy buttons for code boxes. Each <pre> gets a button beside it (not in
// it: the lab rewrites the code with textContent, which would remove a
// child). The button copies the box's text at the time of the click, so it
// always copies the code on show.

const copiedFor = 1500; // ms the button says "Copied"

// addCopyButtons gives every <pre> under root that has none a Copy button,
// named after the heading above the box for screen readers. The box and its
// button share a wrapper, so the button sits in the box's corner.
export function addCopyButtons(root) {
  for (const pre of root.querySelectorAll('pre')) {
    if (pre.parentElement.classList.contains('code-box')) continue;
    let heading = pre.previousElementSibling;
    while (heading && heading.tagName !== 'H3') heading = heading.previousElementSibling;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', `Copy the ${heading ? heading.textContent : 'code'}`);
    button.addEventListener('click', () => copy(pre, button));
    const box = document.createElement('div');
    // Under its own heading, the button goes on the heading's line; a box
    // without one makes room for it at its top right.
    box.className = heading && heading === pre.previousElementSibling ? 'code-box' : 'code-box no-heading';
    pre.replaceWith(box);
    box.append(button, pre);
  }
}

// copy writes the box's text to the clipboard. Where the page may not (no
// navigator.clipboard outside a secure context, or a refused permission), it
// selects the text instead and says how to copy it by hand.
async function copy(pre, button) {
  let said = 'Copied';
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(pre.textContent);
  } catch {
    getSelection().selectAllChildren(pre);
    said = 'Selected: press Ctrl+C';
  }
  button.textContent = said;
  button.dataset.copied = said === 'Copied' ? 'yes' : 'selected';
  clearTimeout(button.copyTimer);
  button.copyTimer = setTimeout(() => {
    button.textContent = 'Copy';
    delete button.dataset.copied;
  }, copiedFor);
}
