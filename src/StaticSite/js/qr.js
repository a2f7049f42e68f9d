// Puts the API's QR code SVG into the page as DOM nodes (DOMParser + importNode), never as HTML
// text, and keeps only drawing elements and attributes: no scripts, links, event handlers or styles.

const allowedElements = new Set(['svg', 'g', 'path', 'rect', 'title', 'desc', 'defs', 'use', 'polygon']);
const allowedAttributes = new Set([
  'viewBox', 'width', 'height', 'x', 'y', 'd', 'fill', 'stroke', 'stroke-width', 'shape-rendering',
  'transform', 'points', 'xmlns', 'version', 'preserveAspectRatio', 'fill-rule', 'clip-rule', 'id',
]);

/** Renders the QR SVG into `container`; false when the SVG cannot be used (the key still can). */
export function renderQrSvg(container, svgText) {
  const parsed = new DOMParser().parseFromString(svgText || '', 'image/svg+xml');
  const root = parsed.documentElement;
  if (!root || root.localName !== 'svg' || parsed.getElementsByTagName('parsererror').length > 0) {
    container.replaceChildren();
    return false;
  }

  for (const node of [...root.querySelectorAll('*')]) {
    if (!allowedElements.has(node.localName)) {
      node.remove();
    }
  }
  for (const node of [root, ...root.querySelectorAll('*')]) {
    for (const attribute of [...node.attributes]) {
      const keep = allowedAttributes.has(attribute.localName)
        || (node.localName === 'use' && attribute.localName === 'href' && attribute.value.startsWith('#'));
      if (!keep) {
        node.removeAttributeNode(attribute);
      }
    }
  }

  const svg = document.importNode(root, true);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'QR code to scan with your authenticator app');
  svg.setAttribute('focusable', 'false');
  container.replaceChildren(svg);
  return true;
}
