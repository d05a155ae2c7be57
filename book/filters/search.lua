--[[
search.lua - the book's search index, written while each page is built.

For a page of the HTML book, it writes the page's sections to .search/PAGE.js beside
the page: one JavaScript object per heading, with the page, the heading's id, its title
and the words of the text below it up to the next heading (not the code listings or
program outputs, nor the TeX of the maths). The Makefile joins the pages' files into
search-index.js, which every page loads with a <script> tag; book/search.js searches it.
A script tag works from file://, where a page may not fetch() a JSON file.

The single-document book (the EPUB and the print; metadata single=true) has no search.
]]

-- A Lua string as a JavaScript string literal.
local function js(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    return " "
  end) .. '"'
end

-- The words of a block, without its maths or its code listings.
local function words(block)
  if block.t == "CodeBlock" or block.t == "RawBlock" then return "" end
  if block.t == "Div" and block.classes:includes("program-output") then return "" end
  if block.t == "Div" and block.classes:includes("listing") and not block.classes:includes("rendered") then
    return ""
  end
  local plain = pandoc.walk_block(block, {
    Math = function() return pandoc.Str(" ") end,
    Para = function(p) p.content:insert(pandoc.Space()); return p end,
    Plain = function(p) p.content:insert(pandoc.Space()); return p end,
    CodeBlock = function() return pandoc.Plain({}) end,
  })
  return pandoc.utils.stringify(plain)
end

local function index(doc)
  local out = PANDOC_STATE.output_file
  if doc.meta.single or not out then return nil end
  local dir, page = out:match("^(.-)/?([^/]+)$")
  dir = (dir == "" and "." or dir) .. "/.search"
  local page_title = pandoc.utils.stringify(doc.meta.pagetitle or doc.meta.title or page)

  -- A deep dive (book.lua) is a div holding its own heading: its blocks are read as if
  -- they stood in the page, so that its heading starts a section, and its label is left out.
  local sections, current = {}, { id = "", title = page_title, text = {} }
  local function read(blocks)
    for _, block in ipairs(blocks) do
      if block.t == "Header" and block.level <= 3 then
        sections[#sections + 1] = current
        current = { id = block.identifier, title = pandoc.utils.stringify(block.content), text = {} }
      elseif block.t == "Div" and block.classes:includes("deep-dive") then
        read(block.content)
      elseif not (block.t == "Div" and block.classes:includes("deep-dive-label")) then
        current.text[#current.text + 1] = words(block)
      end
    end
  end
  read(doc.blocks)
  sections[#sections + 1] = current

  os.execute("mkdir -p '" .. dir .. "'")
  local f = io.open(dir .. "/" .. page:gsub("%.html$", ".js"), "w")
  if not f then error("search.lua: cannot write the index of " .. page, 0) end
  for _, s in ipairs(sections) do
    local text = table.concat(s.text, " "):gsub("%s+", " ")
    if s.id ~= "" or text:match("%S") then
      f:write("{page:", js(page), ",page_title:", js(page_title), ",id:", js(s.id),
              ",title:", js(s.title), ",text:", js(text), "},\n")
    end
  end
  f:close()
  return nil
end

return { { Pandoc = index } }
