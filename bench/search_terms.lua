-- wrk script: each request searches the next of a few terms (words, a prefix, romaji,
-- a number), always with ?uncached=1 so the page cache is bypassed and search runs.
local terms = { "crimson", "lantern+harbor", "orbi", "silent-no", "comet+42" }
local n = 0

request = function()
  n = n + 1
  return wrk.format(nil, "/search/?q=" .. terms[n % #terms + 1] .. "&uncached=1")
end
