// NoteGuard camera-mode stability filter: speak a result only when it holds over several frames.
// Pure logic, no DOM: loaded as a classic script by the page (window.NoteGuardStability) and by node's test runner.
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.NoteGuardStability = api;
  }
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /**
   * The key a frame's result is judged by: denomination and verdict, or null when the frame shows no confident
   * result (no denomination, probability under minProbability, or an error).
   */
  function frameKey(result, minProbability) {
    if (!result || !result.denomination || typeof result.denomination.probability !== 'number') {
      return null;
    }
    if (result.denomination.probability < minProbability) {
      return null;
    }
    const verdict = result.authenticity ? result.authenticity.verdict : 'unknown';
    return result.denomination.label + '|' + verdict;
  }

  /**
   * Majority vote over a sliding window of frames. A key is stable when it fills at least `required` of the last
   * `window` frames. It is announced once when it becomes stable and differs from the last announcement; a flicker
   * (one or two odd frames) never reaches `required`, so one note is never announced as "200, then 100".
   * When the window holds no confident frame at all (note taken away), the last announcement is forgotten so that
   * showing the same note again is announced again.
   */
  class StabilityFilter {
    constructor(options) {
      const o = options || {};
      this.window = o.window || 5;
      this.required = o.required || 4;
      this.minProbability = o.minProbability === undefined ? 0.6 : o.minProbability;
      if (!(this.window >= 1) || !(this.required >= 1) || this.required > this.window) {
        throw new RangeError('required must be between 1 and window');
      }
      this.frames = [];
      this.announced = null;
    }

    /** Adds one frame's inspection result (or null for a failed frame); returns { stable, announce, key }. */
    push(result) {
      return this.pushKey(frameKey(result, this.minProbability));
    }

    /** Adds one frame's key directly (null = nothing confident). */
    pushKey(key) {
      this.frames.push(key);
      if (this.frames.length > this.window) {
        this.frames.shift();
      }

      const counts = new Map();
      let confident = 0;
      for (const k of this.frames) {
        if (k !== null) {
          confident++;
          counts.set(k, (counts.get(k) || 0) + 1);
        }
      }

      if (confident === 0 && this.frames.length === this.window) {
        this.announced = null;
      }

      let stable = null;
      for (const [k, n] of counts) {
        if (n >= this.required) {
          stable = k;
        }
      }

      const announce = stable !== null && stable !== this.announced;
      if (announce) {
        this.announced = stable;
      }
      return { stable: stable, announce: announce, key: key };
    }

    reset() {
      this.frames = [];
      this.announced = null;
    }
  }

  return { StabilityFilter: StabilityFilter, frameKey: frameKey };
});
