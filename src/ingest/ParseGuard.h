#pragma once

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>

namespace docket {

// Runs one piece of parsing work (opening a file, reading a page's text, rendering) on a
// thread of its own and waits for it at most timeoutMs, so that a hostile file can never
// hang the caller.
//
// Why a thread and not a child process: pdfium inside QtPdf cannot be interrupted, and in
// Qt 6.4 every QPdfDocument call holds one process-wide recursive mutex (QPdfMutexLocker),
// so work that overruns is abandoned, not killed: the caller gets "parse_timeout" at once,
// the thread finishes (or not) on its own and frees what it holds; the captured state is
// shared, so nothing it touches is freed under it. While such a task still holds pdfium's
// lock, later PDF work queues behind it and times out in turn (never hangs), and
// abandonedTasks() tells the application. None of the 223 robustness files crashes or hangs
// pdfium in-process (bench_textlayer checks this), which is why parsing stays in-process:
// a child process per document would cost more than reading its text layer does.
class ParseGuard
{
public:
    enum class Outcome
    {
        Finished,
        TimedOut,
        Failed // the work threw (e.g. std::bad_alloc) or no thread could be started
    };

    template <typename F>
    static std::optional<std::invoke_result_t<F>> run(F work, int timeoutMs,
                                                      Outcome *outcome = nullptr)
    {
        using R = std::invoke_result_t<F>;
        struct State
        {
            std::mutex mutex;
            std::condition_variable cv;
            std::optional<R> value;
            bool done = false;
            bool abandoned = false;
        };
        auto state = std::make_shared<State>();
        auto setOutcome = [outcome](Outcome o) {
            if (outcome)
                *outcome = o;
        };
        auto job = [state, work = std::make_shared<std::optional<F>>(std::move(work))] {
            std::optional<R> result;
            try {
                result.emplace((**work)());
            } catch (...) {
                result.reset();
            }
            // Drop what the work holds (a document, say) before the caller resumes, so that
            // it is never freed on this thread while the caller, or the process, moves on.
            work->reset();
            std::lock_guard lock(state->mutex);
            state->value = std::move(result);
            state->done = true;
            if (state->abandoned)
                taskFinishedLate();
            state->cv.notify_all();
        };
        if (!dispatch(std::function<void()>(std::move(job)))) {
            setOutcome(Outcome::Failed);
            return std::nullopt;
        }
        std::unique_lock lock(state->mutex);
        if (!state->cv.wait_for(lock, std::chrono::milliseconds(timeoutMs > 0 ? timeoutMs : 1),
                                [&] { return state->done; })) {
            state->abandoned = true;
            taskAbandoned();
            setOutcome(Outcome::TimedOut);
            return std::nullopt;
        }
        setOutcome(state->value ? Outcome::Finished : Outcome::Failed);
        return std::move(state->value);
    }

    // Tasks that overran their time and are still running.
    static int abandonedTasks();

    // For work that reports progress itself (PdfTextReader): hands a job to an idle worker
    // thread (kept for reuse: starting a thread per call costs more than reading a simple
    // page), starting one when none is idle. False when no thread could be started.
    static bool dispatch(std::function<void()> job);
    // Book-keeping of abandoned work for such jobs.
    static void taskAbandoned();
    static void taskFinishedLate();
};

} // namespace docket
