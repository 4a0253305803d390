import '@testing-library/jest-dom';

// jsdom has no SVG layout; the DependencyGraph measures nodes with getBBox.
if (typeof SVGElement !== 'undefined' && !('getBBox' in SVGElement.prototype)) {
  Object.defineProperty(SVGElement.prototype, 'getBBox', {
    configurable: true,
    value: () => ({ x: 0, y: 0, width: 120, height: 24 }),
  });
}
