// parse_cdef_concurrently: the parser on a second thread, its consumer on
// the calling one.
//
// Items travel in batches through a small channel: a lock per batch, not
// per declaration. A consumed batch goes back to the parser thread, which
// destroys its items there: every AST node is freed by the thread that
// allocated it (ffigen's operator new keeps per-thread free lists, which
// would otherwise drain on one side and grow on the other).
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "parser/parse.hpp"

namespace ffigen::parser {

namespace {

using Batch = std::vector<ast::Item>;
constexpr std::size_t kBatchItems = 64;
// The parser may run this many batches ahead of the consumer, and no more:
// it waits rather than hold the whole file's AST in memory.
constexpr std::size_t kBatchesAhead = 4;

class BatchChannel {
public:
    // Parser side.
    void send(Batch batch) {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [&] { return full_.size() < kBatchesAhead; });
        full_.push_back(std::move(batch));
        ready_.notify_one();
    }
    void close(std::exception_ptr failure) {
        std::lock_guard lock(mutex_);
        closed_ = true;
        failure_ = failure;
        ready_.notify_one();
    }
    // An emptied batch to fill again (its capacity kept), or a new one.
    Batch recycle() {
        Batch batch;
        {
            std::lock_guard lock(mutex_);
            if (!consumed_.empty()) {
                batch = std::move(consumed_.back());
                consumed_.pop_back();
            }
        }
        batch.clear();  // the items die here, on the parser thread
        batch.reserve(kBatchItems);
        return batch;
    }

    // Consumer side: the next batch; false once the parser is done and
    // everything was taken.
    bool receive(Batch& batch) {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !full_.empty() || closed_; });
        if (full_.empty()) return false;
        batch = std::move(full_.front());
        full_.pop_front();
        room_.notify_one();
        return true;
    }
    void give_back(Batch batch) {
        std::lock_guard lock(mutex_);
        consumed_.push_back(std::move(batch));
    }
    std::exception_ptr failure() {
        std::lock_guard lock(mutex_);
        return failure_;
    }

private:
    std::mutex mutex_;
    std::condition_variable ready_;  // a batch was sent, or the parser is done
    std::condition_variable room_;   // a batch was taken
    std::deque<Batch> full_;
    std::vector<Batch> consumed_;
    bool closed_ = false;
    std::exception_ptr failure_;
};

void run_parser(const SourceFile& file, DiagnosticEngine& diags, BuiltinTypePredicate builtin,
                BatchChannel& channel) {
    std::exception_ptr failure;
    try {
        Batch batch = channel.recycle();
        parse_cdef(file, diags, builtin, [&](ast::Item&& item) {
            batch.push_back(std::move(item));
            if (batch.size() == kBatchItems) {
                channel.send(std::move(batch));
                batch = channel.recycle();
            }
        });
        if (!batch.empty()) channel.send(std::move(batch));
    } catch (...) {
        failure = std::current_exception();
    }
    channel.close(failure);
}

}  // namespace

void parse_cdef_concurrently(const SourceFile& file, DiagnosticEngine& diags,
                             BuiltinTypePredicate builtin, const ItemConsumer& consume) {
    BatchChannel channel;
    std::thread parser([&] { run_parser(file, diags, builtin, channel); });
    std::exception_ptr consumer_failure;
    Batch batch;
    while (channel.receive(batch)) {
        try {
            if (!consumer_failure)
                for (const ast::Item& item : batch) consume(item);
        } catch (...) {
            consumer_failure = std::current_exception();  // drain, so the parser can finish
        }
        channel.give_back(std::move(batch));
        batch = Batch();
    }
    parser.join();
    if (consumer_failure) std::rethrow_exception(consumer_failure);
    if (std::exception_ptr failure = channel.failure()) std::rethrow_exception(failure);
}

}  // namespace ffigen::parser
