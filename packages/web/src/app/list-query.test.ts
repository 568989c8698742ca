import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './download.ts';
import { listStateToQuery, sortFromSorter, sortOrderOf } from './list-query.ts';

describe('list query', () => {
  it('turns antd sorters into the sort parameter', () => {
    expect(sortFromSorter({ field: 'username', order: 'ascend' })).toBe('username');
    expect(sortFromSorter({ field: 'username', columnKey: 'lastLoginAt', order: 'descend' })).toBe('-lastLoginAt');
    expect(sortFromSorter({ field: 'username', order: null })).toBeUndefined();
    expect(sortFromSorter([{ field: 'at', order: 'descend' }])).toBe('-at');
    expect(sortFromSorter(undefined)).toBeUndefined();
  });

  it('gives each column its sort order', () => {
    expect(sortOrderOf('-at', 'at')).toBe('descend');
    expect(sortOrderOf('at', 'at')).toBe('ascend');
    expect(sortOrderOf('seq', 'at')).toBeNull();
  });

  it('flattens the state into query parameters', () => {
    expect(listStateToQuery({ page: 2, pageSize: 50, sort: '-at', q: ' li ', filters: { status: 'active' } })).toEqual({
      page: 2,
      pageSize: 50,
      sort: '-at',
      q: 'li',
      status: 'active',
    });
  });
});

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 name', () => {
    expect(fileNameFromDisposition(`attachment; filename="users.xlsx"; filename*=UTF-8''%E7%94%A8%E6%88%B7.xlsx`, 'x')).toBe('用户.xlsx');
    expect(fileNameFromDisposition('attachment; filename="audit.xlsx"', 'x')).toBe('audit.xlsx');
    expect(fileNameFromDisposition(null, 'fallback.xlsx')).toBe('fallback.xlsx');
  });
});
