#pragma once
/// @file The trace session: one validated spec kept in the core, asked many questions. The final
/// state, the carve and the output are computed once; each step, each cell's provenance and each
/// row or column of C^T is computed when asked, from the kept spec; the gather view and the whole
/// C^T are built on first use only.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "tconv/geometry.hpp"
#include "tconv/result.hpp"
#include "tconv/scatter.hpp"
#include "tconv/spec.hpp"
#include "tconv/views.hpp"

namespace tconv {

namespace detail {
class Scatterer;
}

/// A cell of a grid: [channel, ...position], one position per spatial axis. An input cell is
/// [c_in, ...]; an output or intermediate cell [c_out, ...]; a weight tap [c_in, c_out_in_group, ...].
using Cell = std::vector<int>;

/// The grid an output-side cell is in: the output (after the carve), or the intermediate buffer.
enum class Where { output, intermediate };

/// One product added into a cell: step `step`'s input element times one weight tap.
struct Contribution {
  int step = 0;        ///< as TraceSession::step(t)
  Cell input;          ///< [c_in, ...position]
  Cell tap;            ///< the weight index [c_in, c_out_in_group, ...kernel position]
  double value = 0;    ///< the input value
  double weight = 0;   ///< the weight value
  double product = 0;  ///< value * weight, exactly as the scatter adds it
};

/// Every cell one input element adds to.
struct Reach {
  std::vector<Cell> intermediate;  ///< in the intermediate buffer, in the order the step adds them
  std::vector<Cell> output;        ///< the same cells in output coordinates, without those the carve removes
};

/// One product a weight tap took part in, and the cell it was added into.
struct TapUse {
  Contribution term;  ///< the step, its input element, the tap and the product
  Cell intermediate;  ///< the buffer cell the product was added into ([c_out, ...])
  Cell output;        ///< the same cell in output coordinates; empty when the carve removes it
};

/// What a tap of the gather view's window lands on.
enum class GatherOn { input, zero, padding };

/// One tap of the gather window: a padded-input cell times a rotated-kernel tap.
struct GatherTap {
  Cell padded;  ///< [c_in, ...position in the zero-inserted, padded input]
  Cell kernel;  ///< [c_in, c_out_in_group, ...position in the rotated kernel]
  GatherOn on = GatherOn::input;
  Cell input;        ///< the input element under the tap ([c_in, ...]); empty on a zero or padding
  double value = 0;  ///< the padded input's value there (0 on a zero or padding)
  double weight = 0;
  double product = 0;
};

/// The window of the gather view that makes one output cell.
struct GatherWindow {
  Cell cell;                    ///< the output cell [c_out, ...]
  std::vector<int> origin;      ///< the window's corner in the padded input, per axis (= the cell's position)
  std::vector<int> dilation;    ///< distance between taps, per axis
  std::vector<GatherTap> taps;  ///< input channels of the group (outer), then rotated-kernel taps row-major
};

/// The state after step t.
struct StepState {
  TraceStep step;                  ///< the element and its products
  Tensor buffer;                   ///< the intermediate output after step t ([channels][buffer...])
  std::vector<int> contributions;  ///< products each buffer cell has received so far
};

/// Consecutive channels [first, first + count): the part of a grid a query returns.
struct ChannelRange {
  int first = 0;  ///< the first channel
  int count = 0;  ///< how many
};

/// Consecutive rows or columns of C^T, [first, first + count).
struct IndexRange {
  std::int64_t first = 0;
  std::int64_t count = 0;
};

class TraceSession {
 public:
  /// A session over a spec that validate_spec() accepted. Computes the final buffer, its counts,
  /// the carve and the output.
  explicit TraceSession(Spec spec);
  ~TraceSession();
  TraceSession(const TraceSession&) = delete;
  TraceSession& operator=(const TraceSession&) = delete;

  [[nodiscard]] const Spec& spec() const { return spec_; }
  [[nodiscard]] int step_count() const { return step_count_; }
  [[nodiscard]] const std::vector<AxisGeometry>& axes() const { return axes_; }
  [[nodiscard]] const std::vector<int>& buffer_shape() const { return final_buffer_.shape; }
  [[nodiscard]] const Tensor& final_buffer() const { return final_buffer_; }
  [[nodiscard]] const std::vector<int>& final_contributions() const { return final_contributions_; }
  /// [C_out][output...] after the carve, before the bias.
  [[nodiscard]] const Tensor& carved() const { return carved_; }
  /// What compute() returns.
  [[nodiscard]] const Tensor& output() const { return output_; }

  /// Step t's element and products and the buffer and counts after it, in one replay.
  [[nodiscard]] Result<StepState> step(int t) const;
  /// The same for the output channels `channels` only: the buffer and the counts are
  /// [channels.count][buffer...], and only the steps of the input channels whose group feeds one of
  /// them are replayed, so that a step drawn for one channel of 64 costs one channel's work.
  [[nodiscard]] Result<StepState> step(int t, ChannelRange channels) const;
  /// The buffer after the first n steps (0: all zeros).
  [[nodiscard]] Result<Tensor> buffer_after(int n) const;
  /// The same for the output channels `channels` only ([channels.count][buffer...]).
  [[nodiscard]] Result<Tensor> buffer_after(int n, ChannelRange channels) const;

  /// The products a cell received, in the order the core added them: adding them from 0 in this
  /// order (then the bias, for Where::output) gives the cell's value bit for bit. Empty for a cell
  /// no copy reached.
  [[nodiscard]] Result<std::vector<Contribution>> contributions(const Cell& cell, Where where) const;
  /// The cell's value in that grid (the output's includes the bias).
  [[nodiscard]] Result<double> value(const Cell& cell, Where where) const;
  /// The bias of an output channel, 0 without a bias.
  [[nodiscard]] double bias(int out_channel) const;
  /// Every cell an input element adds to.
  [[nodiscard]] Result<Reach> reach(const Cell& input) const;
  /// contributions() and reach() without building their lists, for a caller that copies each item
  /// on at once (the wasm binding, where an allocation per cell was most of a query's time): visit
  /// gets the same items in the same order, each valid during its call only; the result is the
  /// error the list would be, if any. visit_reach's items: the intermediate cell, the same cell
  /// in the output and whether the carve keeps it.
  [[nodiscard]] std::optional<Error> visit_contributions(const Cell& cell, Where where,
                                                         const std::function<void(const Contribution&)>& visit) const;
  [[nodiscard]] std::optional<Error> visit_reach(
      const Cell& input, const std::function<void(const Cell&, const Cell&, bool kept)>& visit) const;
  /// Every product a weight tap [c_in, c_out_in_group, ...kernel] took part in: one per input
  /// element of channel c_in, in step order.
  [[nodiscard]] Result<std::vector<TapUse>> uses(const Cell& tap) const;
  /// The gather view's window for an output cell.
  [[nodiscard]] Result<GatherWindow> gather_window(const Cell& output) const;

  /// C^T's [rows, cols] = [C_out x output area, C_in x input area].
  [[nodiscard]] std::vector<std::int64_t> matrix_shape() const;
  /// One entry, row or column of C^T, without building the whole matrix.
  [[nodiscard]] Result<double> matrix_entry(std::int64_t row, std::int64_t col) const;
  [[nodiscard]] Result<std::vector<double>> matrix_row(std::int64_t row) const;
  [[nodiscard]] Result<std::vector<double>> matrix_column(std::int64_t col) const;
  /// Part of a row (the columns `cols`) or of a column (the rows `rows`): the entries of one
  /// channel's block, without building (or copying) the rest of a row or column that can be long.
  [[nodiscard]] Result<std::vector<double>> matrix_row(std::int64_t row, IndexRange cols) const;
  [[nodiscard]] Result<std::vector<double>> matrix_column(std::int64_t col, IndexRange rows) const;

  /// The gather view and the whole C^T, built on first use (or why they are not built).
  [[nodiscard]] const Result<GatherView>& gather() const;
  [[nodiscard]] const Result<Tensor>& matrix() const;

 private:
  Spec spec_;
  std::vector<AxisGeometry> axes_;
  int step_count_ = 0;
  std::unique_ptr<detail::Scatterer> scatterer_;  // holds a reference to spec_: the session never moves
  // Replays steps 0..n-1 into the output channels `channels`; with counts, counts them too.
  void replay(int n, ChannelRange channels, std::vector<double>& buffer, std::vector<int>* counts) const;
  Tensor final_buffer_;
  std::vector<int> final_contributions_;
  Tensor carved_;
  Tensor output_;
  mutable std::optional<Result<GatherView>> gather_;
  mutable std::optional<Result<Tensor>> matrix_;
};

}  // namespace tconv
