// The seed post's two worked examples, as the tests know them: written here, apart from the page's
// own copy (web/state.js), so that a change to the page's seed fails the tests that check its numbers.
export const seed1d = { dims: 1, input: [2, 3], kernel: [1, 2, 3], stride: 2 };
export const seed2d = {
  dims: 2,
  input: [
    [1, 2],
    [3, 4],
  ],
  kernel: [
    [1, 1, 1],
    [0, 0, 0],
    [-1, -1, -1],
  ],
  stride: 2,
  padding: 1,
};
