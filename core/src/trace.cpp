// The trace session: the spec kept, the final state computed once, every step replayed from zeros
// on request with the scatterer built once (O(output) memory: no step's state is stored).

#include "tconv/trace.hpp"

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
  for (int t = 0; t < step_count_; ++t) scatterer_->apply_counting(t, final_buffer_.values, final_contributions_);
  carved_ = carve(spec_, final_buffer_);
  output_ = finish_output(spec_, carved_);
}

TraceSession::~TraceSession() = default;

Result<StepState> TraceSession::step(int t) const {
  Result<TraceStep> step = trace_step(spec_, t);
  if (!step.ok()) return step.error();
  StepState state{std::move(step).value(),
                  {final_buffer_.shape, std::vector<double>(final_buffer_.values.size())},
                  std::vector<int>(final_buffer_.values.size(), 0)};
  for (int s = 0; s <= t; ++s) scatterer_->apply_counting(s, state.buffer.values, state.contributions);
  return state;
}

Result<Tensor> TraceSession::buffer_after(int n) const {
  if (std::optional<Error> error = detail::check_index("steps done", n, step_count_)) return *error;
  Tensor buffer{final_buffer_.shape, std::vector<double>(final_buffer_.values.size())};
  for (int s = 0; s < n; ++s) scatterer_->apply(s, buffer.values);
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
