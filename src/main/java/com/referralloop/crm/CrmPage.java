package com.referralloop.crm;

import java.util.List;

/**
 * One page of a changed-since read, oldest change first.
 *
 * @param next opaque cursor of the next page, null on the last one
 */
public record CrmPage<T>(List<T> records, String next) {
}
