'use client';

import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { GraphComment, GraphGroup } from '../../formats/graph-document';
import type { EditorStore } from './editor-store';

/** React Flow ids of notes and frames: '#' never occurs in a graph node id, so they cannot collide. */
export const COMMENT_PREFIX = '#c:';
export const GROUP_PREFIX = '#g:';

export type CommentFlowNode = Node<{ comment: GraphComment; store: EditorStore; readOnly: boolean }, 'comment'>;
export type GroupFlowNode = Node<{ group: GraphGroup; store: EditorStore; readOnly: boolean }, 'groupFrame'>;

function CommentView({ data }: NodeProps<CommentFlowNode>) {
  const { comment, store, readOnly } = data;
  return (
    <div className="comment-note" data-testid={`comment-${comment.id}`} style={{ width: comment.width }}>
      <div className="comment-header">
        <span>Note</span>
        {!readOnly && (
          <button className="icon-button nodrag" aria-label={`Delete note ${comment.id}`} onClick={() => store.deleteComment(comment.id)}>
            ×
          </button>
        )}
      </div>
      <textarea
        className="nodrag nowheel"
        aria-label={`Note ${comment.id}`}
        placeholder="Write a note…"
        readOnly={readOnly}
        value={comment.text}
        rows={4}
        onChange={(e) => store.updateComment(comment.id, { text: e.target.value })}
      />
    </div>
  );
}

function GroupView({ data, width, height }: NodeProps<GroupFlowNode>) {
  const { group, store, readOnly } = data;
  return (
    <div className="group-frame" data-testid={`group-${group.id}`} style={{ width, height }}>
      <div className="group-header" title={readOnly ? undefined : 'Drag to move the group with its nodes'}>
        <span className="grip" aria-hidden data-testid="group-grip">
          ⠿
        </span>
        <input
          className="nodrag"
          type="text"
          aria-label={`Group title ${group.id}`}
          readOnly={readOnly}
          defaultValue={group.title}
          key={group.title}
          onBlur={(e) => e.target.value !== group.title && store.renameGroup(group.id, e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
        <span className="spacer" />
        {!readOnly && (
          <button className="btn small ghost nodrag" onClick={() => store.ungroup(group.id)}>
            Ungroup
          </button>
        )}
      </div>
    </div>
  );
}

export const CommentNode = memo(CommentView);
export const GroupNode = memo(GroupView);
