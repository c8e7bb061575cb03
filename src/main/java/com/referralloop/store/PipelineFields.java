package com.referralloop.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The document fields an aggregation reads, when a {@link CoveredRead} can answer it: {@code read}, every field
 * its stages look at, and {@code numbersForbidden}, those whose values reach a stage's output or arithmetic
 * (where a number read back as a double would show). Null when the pipeline cannot be covered: it returns whole
 * documents, reads a dotted path or the whole document, depends on input order, or tells null from missing.
 */
record PipelineFields(Set<String> read, Set<String> numbersForbidden) {

    /** Operators whose answer depends on what an index entry does not hold (arrays, types, missing fields, order). */
    private static final Set<String> UNSAFE = Set.of("$exists", "$type", "$elemMatch", "$size", "$all", "$expr", "$where",
            "$text", "$jsonSchema", "$isArray", "$objectToArray", "$mergeObjects", "$push", "$addToSet", "$first", "$last",
            "$firstN", "$lastN", "$top", "$bottom", "$topN", "$bottomN", "$arrayElemAt", "$literal", "$getField",
            "$setField", "$unsetField", "$let", "$map", "$filter", "$reduce");

    /** The stages that may follow a reshaping one: they see only its outputs. */
    private static final Set<String> OVER_OUTPUTS = Set.of("$match", "$sort", "$skip", "$limit", "$addFields", "$set",
            "$project", "$group", "$count");

    static PipelineFields of(Document match, List<Document> rest) {
        Set<String> read = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        if (match != null && !queryFields(match, read)) {
            return null;
        }
        Set<String> defined = new HashSet<>();
        boolean sorted = false;
        for (int i = 0; i < rest.size(); i++) {
            Document stage = rest.get(i);
            if (stage.size() != 1) {
                return null;
            }
            String name = stage.keySet().iterator().next();
            Object spec = stage.get(name);
            Set<String> refs = new HashSet<>();
            boolean output = false;
            boolean reshapes = false;
            switch (name) {
                case "$match" -> {
                    if (!(spec instanceof Document query) || !queryFields(query, refs)) {
                        return null;
                    }
                }
                case "$sort" -> {
                    if (!(spec instanceof Document keys) || keys.keySet().stream().anyMatch(k -> k.contains("."))) {
                        return null;
                    }
                    refs.addAll(keys.keySet());
                    // only a total order keeps the same documents whatever order they were read in
                    sorted = keys.containsKey("_id");
                }
                case "$skip", "$limit" -> {
                    if (!sorted) {
                        return null; // which documents a skip or limit keeps would depend on the read order
                    }
                }
                case "$addFields", "$set", "$group", "$project" -> {
                    if (!(spec instanceof Document fields) || !expressionRefs(fields, name.equals("$project"), refs)) {
                        return null;
                    }
                    output = true;
                    reshapes = name.equals("$group") || name.equals("$project");
                }
                case "$count" -> reshapes = true;
                default -> {
                    return null;
                }
            }
            refs.removeAll(defined);
            read.addAll(refs);
            if (output) {
                numbers.addAll(refs);
            }
            if (!reshapes && spec instanceof Document fields && output) {
                defined.addAll(fields.keySet());
            }
            if (reshapes) {
                // later stages see only what this stage made: the input's fields are gone
                return reshapedRest(rest.subList(i + 1, rest.size()), read, numbers, shape(name, spec));
            }
        }
        return null; // whole documents come out: an entry does not hold them
    }

    /**
     * After a reshaping stage, stages over its outputs ({@code shape}: the fields each output document holds, or
     * null when unknown). A skip or limit needs an order in which ties are equal documents: by {@code _id}, or by
     * every field the documents hold.
     */
    private static PipelineFields reshapedRest(List<Document> rest, Set<String> read, Set<String> numbers, Set<String> shape) {
        boolean sorted = false;
        for (Document stage : rest) {
            String name = stage.size() == 1 ? stage.keySet().iterator().next() : "";
            Object spec = stage.get(name);
            if (!OVER_OUTPUTS.contains(name) || unsafe(spec)) {
                return null;
            }
            if (name.equals("$sort") && spec instanceof Document keys) {
                sorted = keys.containsKey("_id") || shape != null && keys.keySet().containsAll(shape);
            } else if ((name.equals("$skip") || name.equals("$limit")) && !sorted) {
                return null;
            } else if (name.equals("$group") || name.equals("$project") || name.equals("$count")) {
                shape = shape(name, spec);
                sorted = false;
            } else if ((name.equals("$addFields") || name.equals("$set")) && shape != null && spec instanceof Document fields) {
                shape.addAll(fields.keySet());
            }
        }
        return new PipelineFields(read, numbers);
    }

    /** The fields the output documents of a $group, $project or $count hold; null when unknown. */
    private static Set<String> shape(String stage, Object spec) {
        if (!(spec instanceof Document fields)) {
            return stage.equals("$count") && spec instanceof String name ? new HashSet<>(Set.of(name)) : null;
        }
        Set<String> shape = new HashSet<>();
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            boolean excluded = field.getValue() instanceof Boolean b ? !b
                    : field.getValue() instanceof Number n && n.doubleValue() == 0;
            if (!excluded) {
                shape.add(field.getKey());
            } else if (!field.getKey().equals("_id")) {
                return null; // an exclusion keeps every other field: which ones is not known here
            }
        }
        if (stage.equals("$project") && !fields.containsKey("_id")) {
            shape.add("_id");
        }
        return shape;
    }

    /** The fields a query names; false when it reads a dotted path or uses an operator an entry cannot answer. */
    private static boolean queryFields(Document query, Set<String> out) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            String key = entry.getKey();
            if (key.equals("$and") || key.equals("$or") || key.equals("$nor")) {
                if (!(entry.getValue() instanceof Collection<?> parts)) {
                    return false;
                }
                for (Object part : parts) {
                    if (!(part instanceof Document document) || !queryFields(document, out)) {
                        return false;
                    }
                }
            } else if (key.startsWith("$") || key.contains(".") || unsafe(entry.getValue())) {
                return false;
            } else {
                out.add(key);
            }
        }
        return true;
    }

    /** The input fields an expression document reads ("$field"); false for the whole document or a dotted path. */
    private static boolean expressionRefs(Document fields, boolean projection, Set<String> out) {
        for (Map.Entry<String, Object> entry : fields.entrySet()) {
            Object value = entry.getValue();
            if (projection && (value instanceof Number || value instanceof Boolean)) {
                boolean included = value instanceof Boolean b ? b : ((Number) value).doubleValue() != 0;
                if (!included && !entry.getKey().equals("_id")) {
                    return false; // an exclusion keeps the rest of the document
                }
                if (included) {
                    out.add(entry.getKey());
                }
            } else if (!refs(value, out)) {
                return false;
            }
        }
        if (projection && !fields.containsKey("_id")) {
            out.add("_id");
        }
        return true;
    }

    private static boolean refs(Object value, Set<String> out) {
        if (value instanceof String s && s.startsWith("$")) {
            if (s.startsWith("$$")) {
                return !s.startsWith("$$ROOT") && !s.startsWith("$$CURRENT");
            }
            if (s.contains(".")) {
                return false;
            }
            out.add(s.substring(1));
            return true;
        }
        if (value instanceof Document document) {
            for (Map.Entry<String, Object> entry : document.entrySet()) {
                if (UNSAFE.contains(entry.getKey()) || !refs(entry.getValue(), out)) {
                    return false;
                }
            }
        } else if (value instanceof Collection<?> list) {
            for (Object item : list) {
                if (!refs(item, out)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean unsafe(Object value) {
        if (value instanceof Document document) {
            for (Map.Entry<String, Object> entry : document.entrySet()) {
                if (UNSAFE.contains(entry.getKey()) || unsafe(entry.getValue())) {
                    return true;
                }
            }
        } else if (value instanceof Collection<?> list) {
            return list.stream().anyMatch(PipelineFields::unsafe);
        }
        return false;
    }
}
