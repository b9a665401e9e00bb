// Unit tests of the camera-mode stability filter (node's built-in test runner: `node --test`).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { StabilityFilter, frameKey } = require(path.join(__dirname, '..', '..', 'src', 'NoteGuard.Web', 'wwwroot', 'stability.js'));

function feed(filter, keys) {
  return keys.map((k) => filter.pushKey(k));
}

function announced(results) {
  return results.filter((r) => r.announce).map((r) => r.stable);
}

test('a steady note is announced exactly once, after `required` frames', () => {
  const filter = new StabilityFilter({ window: 5, required: 4 });
  const results = feed(filter, ['200|genuine', '200|genuine', '200|genuine', '200|genuine', '200|genuine', '200|genuine']);
  assert.deepEqual(results.map((r) => r.announce), [false, false, false, true, false, false]);
  assert.deepEqual(announced(results), ['200|genuine']);
});

test('a flickering classifier never announces "200, then 100" for one note', () => {
  const filter = new StabilityFilter({ window: 5, required: 4 });
  // Alternating evenly: nothing reaches 4 of 5, nothing is said.
  assert.deepEqual(announced(feed(filter, ['200|genuine', '100|genuine', '200|genuine', '100|genuine', '200|genuine', '100|genuine', '200|genuine'])), []);
  // Mostly 200 with odd 100 frames: 200 is said once, 100 never.
  const results = feed(filter, ['200|genuine', '200|genuine', '200|genuine', '100|genuine', '200|genuine', '200|genuine', '100|genuine', '200|genuine', '200|genuine']);
  assert.deepEqual(announced(results), ['200|genuine']);
});

test('a real change of note is announced once the new note is stable', () => {
  const filter = new StabilityFilter({ window: 5, required: 4 });
  const results = feed(filter, ['200|genuine', '200|genuine', '200|genuine', '200|genuine', '100|genuine', '100|genuine', '100|genuine', '100|genuine']);
  assert.deepEqual(announced(results), ['200|genuine', '100|genuine']);
});

test('showing the same note again after taking it away is announced again', () => {
  const filter = new StabilityFilter({ window: 3, required: 2 });
  const results = feed(filter, ['50|genuine', '50|genuine', null, null, null, '50|genuine', '50|genuine']);
  assert.deepEqual(announced(results), ['50|genuine', '50|genuine']);
});

test('a short gap does not re-announce the same note', () => {
  const filter = new StabilityFilter({ window: 5, required: 3 });
  const results = feed(filter, ['50|genuine', '50|genuine', '50|genuine', null, '50|genuine', null, '50|genuine']);
  assert.deepEqual(announced(results), ['50|genuine']);
});

test('verdict is part of the key: genuine then counterfeit for the same denomination are different results', () => {
  const filter = new StabilityFilter({ window: 3, required: 3 });
  const results = feed(filter, ['100|genuine', '100|genuine', '100|genuine', '100|counterfeit', '100|counterfeit', '100|counterfeit']);
  assert.deepEqual(announced(results), ['100|genuine', '100|counterfeit']);
});

test('frameKey ignores low-confidence and empty results', () => {
  assert.equal(frameKey(null, 0.6), null);
  assert.equal(frameKey({ denomination: null, authenticity: null }, 0.6), null);
  assert.equal(frameKey({ denomination: { label: '200', probability: 0.59 }, authenticity: null }, 0.6), null);
  assert.equal(frameKey({ denomination: { label: '200', probability: 0.6 }, authenticity: null }, 0.6), '200|unknown');
  assert.equal(frameKey({ denomination: { label: '200', probability: 0.9 }, authenticity: { verdict: 'counterfeit', probability: 0.8 } }, 0.6), '200|counterfeit');
});

test('push() applies minProbability', () => {
  const filter = new StabilityFilter({ window: 2, required: 2, minProbability: 0.7 });
  const low = { denomination: { label: '10', probability: 0.5, top_k: [] }, authenticity: null };
  const high = { denomination: { label: '10', probability: 0.9, top_k: [] }, authenticity: null };
  assert.equal(filter.push(low).announce, false);
  assert.equal(filter.push(high).announce, false);
  assert.equal(filter.push(high).announce, true);
});

test('invalid settings are refused', () => {
  assert.throws(() => new StabilityFilter({ window: 3, required: 4 }), RangeError);
});
