# Generated from ui/shortcuts_dialog.ui by scripts/compile_forms.py - do not edit; edit the form and recompile.
# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHeaderView, QSizePolicy, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget)

class Ui_ShortcutsDialog(object):
    def setupUi(self, ShortcutsDialog):
        if not ShortcutsDialog.objectName():
            ShortcutsDialog.setObjectName(u"ShortcutsDialog")
        ShortcutsDialog.resize(560, 560)
        self.shortcutsLayout = QVBoxLayout(ShortcutsDialog)
        self.shortcutsLayout.setObjectName(u"shortcutsLayout")
        self.shortcutTree = QTreeWidget(ShortcutsDialog)
        self.shortcutTree.setObjectName(u"shortcutTree")
        self.shortcutTree.setRootIsDecorated(False)
        self.shortcutTree.setAlternatingRowColors(True)

        self.shortcutsLayout.addWidget(self.shortcutTree)

        self.buttons = QDialogButtonBox(ShortcutsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.shortcutsLayout.addWidget(self.buttons)


        self.retranslateUi(ShortcutsDialog)

        QMetaObject.connectSlotsByName(ShortcutsDialog)
    # setupUi

    def retranslateUi(self, ShortcutsDialog):
        ShortcutsDialog.setWindowTitle(QCoreApplication.translate("ShortcutsDialog", u"Keyboard shortcuts", None))
        ___qtreewidgetitem = self.shortcutTree.headerItem()
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("ShortcutsDialog", u"Does", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("ShortcutsDialog", u"Keys", None))
#if QT_CONFIG(accessibility)
        self.shortcutTree.setAccessibleName(QCoreApplication.translate("ShortcutsDialog", u"Keyboard shortcuts", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
