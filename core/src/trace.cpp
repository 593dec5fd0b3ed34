// The trace session: the spec kept, the final state computed once, every step replayed from zeros
// on request with the scatterer built once (O(output) memory: no step's state is stored).

#include "tconv/trace.hpp"

#include <optional>
#include <string>
#include <utility>

#include "scatterer.hpp"

namespace tconv {

TraceSession::TraceSession(Spec spec)
    : spec_(std::move(spec)),
      axes_(geometry(spec_)),
      step_count_(tconv::step_count(spec_)),
      scatterer_(std::make_unique<detail::Scatterer>(spec_)) {
  final_buffer_ = {scatterer_->shape(), std::vector<double>(static_cast<size_t>(element_count(scatterer_->shape())))};
  final_contributions_.assign(final_buffer_.values.size(), 0);
  scatterer_->apply_before(step_count_, 0, spec_.out_channels, final_buffer_.values.data());
  scatterer_->count_before(step_count_, 0, spec_.out_channels, final_contributions_.data());
  carved_ = carve(spec_, final_buffer_);
  output_ = finish_output(spec_, carved_);
}

TraceSession::~TraceSession() = default;

namespace {

// An error unless channels is a non-empty range of the channels 0 to total - 1.
std::optional<Error> check_channels(ChannelRange channels, int total) {
  if (std::optional<Error> error = detail::check_index("first channel", channels.first, total - 1)) return error;
  const int most = total - channels.first;
  if (channels.count >= 1 && channels.count <= most) return std::nullopt;
  return Error{"channel count " + std::to_string(channels.count) + " is out of range 1 to " + std::to_string(most),
               "channel count", -1, Valid{1, static_cast<double>(most), {}}};
}

}  // namespace

void TraceSession::replay(int n, ChannelRange channels, std::vector<double>& buffer, std::vector<int>* counts) const {
  scatterer_->apply_before(n, channels.first, channels.count, buffer.data());
  if (counts != nullptr) scatterer_->count_before(n, channels.first, channels.count, counts->data());
}

Result<StepState> TraceSession::step(int t) const { return step(t, {0, spec_.out_channels}); }

Result<StepState> TraceSession::step(int t, ChannelRange channels) const {
  if (std::optional<Error> error = check_channels(channels, spec_.out_channels)) return *error;
  Result<TraceStep> step = trace_step(spec_, t);
  if (!step.ok()) return step.error();
  std::vector<int> shape = final_buffer_.shape;
  shape[0] = channels.count;
  const auto cells = static_cast<size_t>(element_count(shape));
  StepState state{std::move(step).value(), {shape, std::vector<double>(cells)}, std::vector<int>(cells, 0)};
  replay(t + 1, channels, state.buffer.values, &state.contributions);
  return state;
}

Result<Tensor> TraceSession::buffer_after(int n) const { return buffer_after(n, {0, spec_.out_channels}); }

Result<Tensor> TraceSession::buffer_after(int n, ChannelRange channels) const {
  if (std::optional<Error> error = detail::check_index("steps done", n, step_count_)) return *error;
  if (std::optional<Error> error = check_channels(channels, spec_.out_channels)) return *error;
  std::vector<int> shape = final_buffer_.shape;
  shape[0] = channels.count;
  Tensor buffer{shape, std::vector<double>(static_cast<size_t>(element_count(shape)))};
  replay(n, channels, buffer.values, nullptr);
  return buffer;
}

const Result<GatherView>& TraceSession::gather() const {
  if (!gather_) gather_.emplace(gather_view(spec_));
  return *gather_;
}

const Result<Tensor>& TraceSession::matrix() const {
  if (!matrix_) matrix_.emplace(transposed_matrix(spec_));
  return *matrix_;
}

}  // namespace tconv
