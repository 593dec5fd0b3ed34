// The floor page's one module: the same mark the real page sets once both examples are drawn.
performance.mark('tconv-ready');
