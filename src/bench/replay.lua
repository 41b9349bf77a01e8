-- The part the search workloads share: each wrk thread walks the list `paths` from its own place
-- (`stride` apart, shifted by `from`); when asked (BENCH_LIST), the list is printed instead, so that
-- other runners replay the very same addresses. Loaded by a workload once it has filled `paths`.
return function(paths, stride, from)
  local counter = 0
  local thread_count = 0
  function setup(thread)
    thread:set("offset", from + thread_count * stride)
    thread_count = thread_count + 1
  end

  function init(args)
    counter = offset or 0
  end

  function request()
    counter = counter + 1
    return wrk.format("GET", paths[(counter % #paths) + 1])
  end

  if os.getenv("BENCH_LIST") then
    for _, path in ipairs(paths) do print(path) end
    os.exit(0)
  end
end
