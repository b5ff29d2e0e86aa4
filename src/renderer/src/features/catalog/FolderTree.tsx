import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FolderRow } from '../../../../shared/domain/catalog'
import type { Action } from '../../../../shared/domain/outbox'
import { useStore } from '../../store'
import { ReviewDialog } from '../bulk/ReviewDialog'
import type { Target } from '../bulk/plan'
import { targetKey } from '../../store/outbox-slice'
import { StateCell, stateLabels } from './cells'

interface Props {
  folders: FolderRow[]
}

interface Node {
  folder: FolderRow
  children: Node[]
}

const buildTree = (folders: FolderRow[]): Node[] => {
  const nodes = new Map(folders.map((f) => [f.id, { folder: f, children: [] as Node[] }]))
  const roots: Node[] = []
  for (const n of nodes.values()) {
    const parent = n.folder.parentId === null ? undefined : nodes.get(n.folder.parentId)
    if (parent) parent.children.push(n)
    else roots.push(n)
  }
  return roots
}

/** A site's folders as a tree; picking one narrows the pages table, and a folder can be (un)published. */
export const FolderTree = ({ folders }: Props) => {
  const { t } = useTranslation()
  const folderId = useStore((s) => s.folderId)
  const setFolder = useStore((s) => s.setFolder)
  const tree = useMemo(() => buildTree(folders), [folders])
  const [review, setReview] = useState<{ action: Action; targets: Target[] } | null>(null)
  const labels = stateLabels(t)

  const renderNode = (n: Node) => (
    <li
      key={n.folder.id}
      role="treeitem"
      aria-selected={folderId === n.folder.id}
      aria-expanded={n.children.length ? true : undefined}
    >
      <div className="tree-row">
        <button type="button" className="tree-pick" onClick={() => setFolder(n.folder.id)}>
          📁 {n.folder.title}
        </button>
        <StateCell
          on={n.folder.published}
          target={targetKey('folder', n.folder.portalId, n.folder.id)}
          labels={labels}
        />
        <button
          type="button"
          className="small"
          onClick={() =>
            setReview({
              action: n.folder.published ? 'unpublish' : 'publish',
              targets: [
                {
                  portalId: n.folder.portalId,
                  kind: 'folder',
                  id: n.folder.id,
                  scope: n.folder.scope,
                  title: n.folder.title,
                  on: n.folder.published
                }
              ]
            })
          }
        >
          {n.folder.published ? t('sites.unpublishFolder') : t('sites.publishFolder')}
        </button>
      </div>
      {n.children.length > 0 && <ul role="group">{n.children.map(renderNode)}</ul>}
    </li>
  )

  return (
    <div className="folder-tree">
      <h3>{t('sites.folders')}</h3>
      <ul role="tree" aria-label={t('sites.folders')}>
        <li role="treeitem" aria-selected={folderId === null}>
          <button type="button" className="tree-pick" onClick={() => setFolder(null)}>
            {t('sites.allFolders')}
          </button>
        </li>
        <li role="treeitem" aria-selected={folderId === 'root'}>
          <button type="button" className="tree-pick" onClick={() => setFolder('root')}>
            {t('sites.rootPages')}
          </button>
        </li>
        {tree.map(renderNode)}
      </ul>
      {review && (
        <ReviewDialog
          action={review.action}
          kind="folder"
          targets={review.targets}
          onClose={() => setReview(null)}
        />
      )}
    </div>
  )
}
